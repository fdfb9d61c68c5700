// A verified token's identity is kept by its exact string until its exp: a changed token, an expired
// one or one the verifier refused is always checked again.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedVerifier } from '../../src/adapters/auth/cached-verifier.ts';
import { devTokens } from '../../src/adapters/auth/dev-tokens.ts';
import { AppError } from '../../src/errors/catalogue.ts';
import type { TokenVerifier } from '../../src/ports.ts';

const TID = '11111111-1111-4111-8111-111111111111';
const OID = '22222222-2222-4222-8222-222222222222';
const tokens = devTokens(new Uint8Array(randomBytes(32)));

/** The dev verifier, counting how often it is asked. */
function counted(): TokenVerifier & { calls: number } {
  const c = {
    calls: 0,
    verify(token: string) {
      c.calls++;
      return tokens.verify(token);
    },
  };
  return c;
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('cached token verifier', () => {
  it('checks a token once, then answers from memory with the same identity', async () => {
    const inner = counted();
    const verifier = cachedVerifier(inner);
    const token = await tokens.issue(TID, OID);
    expect(await verifier.verify(token)).toEqual({ tid: TID, oid: OID, roles: null });
    expect(await verifier.verify(token)).toEqual({ tid: TID, oid: OID, roles: null });
    expect(inner.calls).toBe(1);
  });

  it('never keeps a refusal, and a token changed by one character is checked anew', async () => {
    const inner = counted();
    const verifier = cachedVerifier(inner);
    const token = await tokens.issue(TID, OID);
    await verifier.verify(token);
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    expect(await code(verifier.verify(tampered))).toBe('TOKEN_INVALID');
    expect(await code(verifier.verify(tampered))).toBe('TOKEN_INVALID');
    expect(inner.calls).toBe(3);
  });

  it('checks the token again once its exp has passed', async () => {
    const inner = counted();
    const verifier = cachedVerifier(inner);
    const token = await tokens.issue(TID, OID);
    await verifier.verify(token);
    vi.useFakeTimers({ now: Date.now() + 9 * 3600_000, toFake: ['Date'] });
    expect(await code(verifier.verify(token))).toBe('TOKEN_INVALID');
    expect(inner.calls).toBe(2);
  });

  it('keeps at most maxEntries tokens, letting the oldest go', async () => {
    const inner = counted();
    const verifier = cachedVerifier(inner, 2);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((oid) => tokens.issue(TID, oid)));
    for (const t of [a, b, c, a]) await verifier.verify(t ?? '');
    // a was let go when c came, so it was checked a second time.
    expect(inner.calls).toBe(4);
  });
});
