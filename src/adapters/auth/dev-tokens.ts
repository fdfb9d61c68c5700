import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT, jwtVerify } from 'jose';
import { AppError } from '../../errors/catalogue.ts';
import type { TokenIdentity, TokenVerifier } from '../../ports.ts';

const ISSUER = 'samtale-local';
const AUDIENCE = 'samtale-local-api';
/** The longest a demo token may live (a working day with margin): older or longer-lived ones are refused. */
export const DEV_TOKEN_MAX_SECONDS = 12 * 3600;
const CLOCK_TOLERANCE_SECONDS = 30;

/** The per-install signing secret for local demo sign-in, created once with owner-only access. */
export function loadOrCreateSecret(path: string): Uint8Array {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(path, 0o600);
  return new Uint8Array(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url'));
}

/** Local mode only: HS256 tokens for the demo users, signed with the per-install secret. */
export function devTokens(
  secret: Uint8Array,
  ttlSeconds = 8 * 3600,
): TokenVerifier & { issue(tid: string, oid: string): Promise<string> } {
  if (ttlSeconds > DEV_TOKEN_MAX_SECONDS) throw new RangeError('demo tokens live at most 12 hours');
  return {
    async issue(tid, oid) {
      return new SignJWT({ tid, oid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(oid)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(secret);
    },
    async verify(token): Promise<TokenIdentity> {
      try {
        const { payload } = await jwtVerify(token, secret, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          // Needs iat, refuses one in the future or older than the maximum.
          maxTokenAge: DEV_TOKEN_MAX_SECONDS,
          requiredClaims: ['exp'],
        });
        if (typeof payload.tid !== 'string' || typeof payload.oid !== 'string')
          throw new AppError('TOKEN_INVALID');
        // A token minted to live longer than the maximum is refused even while it is young.
        if ((payload.exp ?? Infinity) - (payload.iat ?? -Infinity) > DEV_TOKEN_MAX_SECONDS)
          throw new AppError('TOKEN_INVALID', { reason: 'lifetime too long' });
        return { tid: payload.tid, oid: payload.oid, roles: null };
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('TOKEN_INVALID');
      }
    },
  };
}
