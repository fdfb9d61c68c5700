// Teams SSO tokens, validated on the server with jose against the tenant's JWKS: RS256 from the
// configured tenant's issuer, our API as audience (its client id or Application ID URI), the
// `access_as_user` scope, and exp/nbf with a small skew. The user is tid + oid; app roles come from
// the token's `roles`. Nothing from the Teams context is trusted.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { AppRole } from '../../domain/policy.ts';
import { AppError } from '../../errors/catalogue.ts';
import type { TokenIdentity, TokenVerifier } from '../../ports.ts';

const APP_ROLES: readonly AppRole[] = ['HR', 'HR.Salary', 'Admin'];

export interface EntraTokenOptions {
  tenantId: string;
  clientId: string;
  /** api://<host>/<client id>, as exposed in the app registration for Teams SSO. */
  applicationIdUri: string;
  /** https://login.microsoftonline.com */
  authorityHost: string;
  clockToleranceSeconds?: number;
}

export function entraTokens(opts: EntraTokenOptions): TokenVerifier {
  const host = opts.authorityHost.replace(/\/$/, '');
  const jwks = createRemoteJWKSet(new URL(`${host}/${opts.tenantId}/discovery/v2.0/keys`), {
    cacheMaxAge: 6 * 3600_000,
    cooldownDuration: 30_000,
  });
  // Teams issues v2 tokens when the app registration asks for them, v1 otherwise; both from this tenant only.
  const issuers = [`${host}/${opts.tenantId}/v2.0`, `https://sts.windows.net/${opts.tenantId}/`];
  return {
    async verify(token): Promise<TokenIdentity> {
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(token, jwks, {
          issuer: issuers,
          audience: [opts.clientId, opts.applicationIdUri],
          algorithms: ['RS256'],
          clockTolerance: opts.clockToleranceSeconds ?? 60,
          requiredClaims: ['exp', 'tid', 'oid'],
        }));
      } catch {
        throw new AppError('TOKEN_INVALID');
      }
      const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
      if (!scopes.includes('access_as_user'))
        throw new AppError('TOKEN_INVALID', { reason: 'scope access_as_user missing' });
      if (claims.tid !== opts.tenantId || typeof claims.oid !== 'string') throw new AppError('TOKEN_INVALID');
      const roles = Array.isArray(claims.roles)
        ? APP_ROLES.filter((r) => (claims.roles as unknown[]).includes(r))
        : [];
      return { tid: opts.tenantId, oid: claims.oid, roles };
    },
  };
}
