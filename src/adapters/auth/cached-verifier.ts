import { decodeJwt } from 'jose';
import type { TokenIdentity, TokenVerifier } from '../../ports.ts';

/**
 * Keeps what a token proved, by the exact token string, until the token expires: the tab sends the
 * same token with every request, and checking its signature each time was the largest share of a
 * save's own work. A changed byte is another key, so only a token the inner verifier accepted is
 * ever answered from here, and never after its exp (no clock tolerance, unlike the first check).
 * Refusals are not kept. When full, the oldest entry gives way.
 */
export function cachedVerifier(inner: TokenVerifier, maxEntries = 10_000): TokenVerifier {
  const verified = new Map<string, { identity: TokenIdentity; expiresMs: number }>();
  return {
    async verify(token) {
      const hit = verified.get(token);
      if (hit && Date.now() < hit.expiresMs) return hit.identity;
      if (hit) verified.delete(token);
      const identity = await inner.verify(token);
      // The signature is checked: its exp can be read as it stands. Every verifier requires one.
      const { exp } = decodeJwt(token);
      const expiresMs = typeof exp === 'number' ? exp * 1000 : 0;
      if (expiresMs > Date.now()) {
        if (verified.size >= maxEntries) verified.delete(verified.keys().next().value ?? '');
        verified.set(token, { identity, expiresMs });
      }
      return identity;
    },
  };
}
