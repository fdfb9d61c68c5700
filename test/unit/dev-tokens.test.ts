// Local demo tokens: only what this install issued, and only for a working day. Tokens forged with the
// right secret but a stretched lifetime or a made-up issue time are refused.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEV_TOKEN_MAX_SECONDS, devTokens } from '../../src/adapters/auth/dev-tokens.ts';
import { AppError } from '../../src/errors/catalogue.ts';

const secret = new Uint8Array(randomBytes(32));
const tokens = devTokens(secret);
const TID = '11111111-1111-4111-8111-111111111111';
const OID = '22222222-2222-4222-8222-222222222222';
const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

/** A token as issue() makes it, signed with the same secret, with iat and exp as given (null: left out). */
function forge(claims: { iat: number | null; exp: number | null }): Promise<string> {
  const jwt = new SignJWT({ tid: TID, oid: OID })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('samtale-local')
    .setAudience('samtale-local-api')
    .setSubject(OID);
  if (claims.iat !== null) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== null) jwt.setExpirationTime(claims.exp);
  return jwt.sign(secret);
}

async function refusal(token: string): Promise<string | null> {
  try {
    await tokens.verify(token);
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

describe('local demo tokens', () => {
  it('accepts what the install issues, and a forged token shaped the same', async () => {
    expect(await tokens.verify(await tokens.issue(TID, OID))).toEqual({ tid: TID, oid: OID, roles: null });
    const t = now();
    expect(await refusal(await forge({ iat: t - 60, exp: t - 60 + DEV_TOKEN_MAX_SECONDS }))).toBeNull();
  });

  it('refuses a token made to live longer than 12 hours, however young', async () => {
    const t = now();
    expect(await refusal(await forge({ iat: t, exp: t + 100 * 365 * 24 * HOUR }))).toBe('TOKEN_INVALID');
    expect(await refusal(await forge({ iat: t, exp: t + DEV_TOKEN_MAX_SECONDS + 60 }))).toBe('TOKEN_INVALID');
    expect(DEV_TOKEN_MAX_SECONDS).toBeLessThanOrEqual(12 * HOUR);
  });

  it('refuses a token without an issue time or without an expiry', async () => {
    const t = now();
    expect(await refusal(await forge({ iat: null, exp: t + HOUR }))).toBe('TOKEN_INVALID');
    expect(await refusal(await forge({ iat: t, exp: null }))).toBe('TOKEN_INVALID');
  });

  it('refuses a token issued in the future, beyond 30 s of clock tolerance', async () => {
    const t = now();
    const yearAhead = t + 365 * 24 * HOUR;
    expect(await refusal(await forge({ iat: yearAhead, exp: yearAhead + HOUR }))).toBe('TOKEN_INVALID');
    expect(await refusal(await forge({ iat: t + 5 * 60, exp: t + 2 * HOUR }))).toBe('TOKEN_INVALID');
    // A clock a few seconds ahead of ours is tolerated.
    expect(await refusal(await forge({ iat: t + 10, exp: t + HOUR }))).toBeNull();
  });

  it('refuses a token issued more than 12 hours ago even if its expiry is still ahead', async () => {
    const t = now();
    expect(await refusal(await forge({ iat: t - 13 * HOUR, exp: t + HOUR }))).toBe('TOKEN_INVALID');
  });
});
