// Inbound authentication of Bot Connector requests (m365 mode), as the connector auth spec requires:
// an RS256 JWT from the Bot Framework's OpenID metadata, issued by the Bot Framework for this bot,
// with its `serviceurl` claim equal to the activity's serviceUrl, from the configured tenant. Only a
// request that passes reaches the adapter, so replies only ever go to a serviceUrl a token vouched for.
import { localeOf } from '../../contract/words/index.ts';
import { errorBody } from '../../errors/catalogue.ts';
import type { RequestHandler } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface ChannelAuthOptions {
  /** https://login.botframework.com/v1/.well-known/openidconfiguration */
  openIdMetadataUrl: string;
  /** https://api.botframework.com */
  issuer: string;
  /** The bot's app id (the token's audience). */
  botAppId: string;
  /** Activities are accepted from this tenant only. */
  tenantId: string;
  clockToleranceSeconds?: number;
}

export function channelAuth(opts: ChannelAuthOptions): RequestHandler {
  let keys: ReturnType<typeof createRemoteJWKSet> | null = null;
  const jwks = async () => {
    if (!keys) {
      const res = await fetch(opts.openIdMetadataUrl);
      if (!res.ok) throw new Error(`OpenID metadata: ${res.status}`);
      const meta = (await res.json()) as { jwks_uri?: string };
      if (!meta.jwks_uri) throw new Error('OpenID metadata without jwks_uri');
      keys = createRemoteJWKSet(new URL(meta.jwks_uri));
    }
    return keys;
  };
  const refuse = (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], why: string) =>
    void res
      .status(401)
      .set('www-authenticate', `Bearer error="invalid_token", error_description="${why}"`)
      // The catalogue's one error shape (as the API description says), with the reason in details.
      .json(errorBody('UNAUTHENTICATED', localeOf(req.get('accept-language')), { reason: why }));

  return (req, res, next) => {
    void (async () => {
      const header = req.get('authorization') ?? '';
      // The scheme is case-insensitive (RFC 7235).
      if (!/^bearer /i.test(header)) {
        refuse(req, res, 'missing token');
        return;
      }
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(header.slice(7), await jwks(), {
          issuer: opts.issuer,
          audience: opts.botAppId,
          algorithms: ['RS256'],
          clockTolerance: opts.clockToleranceSeconds ?? 300,
        }));
      } catch (e) {
        {
          refuse(req, res, `token rejected: ${e instanceof Error ? e.message : 'invalid'}`);
          return;
        }
      }
      const activity = req.body as
        | {
            serviceUrl?: unknown;
            conversation?: { tenantId?: unknown };
            channelData?: { tenant?: { id?: unknown } };
          }
        | undefined;
      const serviceUrl = typeof activity?.serviceUrl === 'string' ? activity.serviceUrl : null;
      if (!serviceUrl || claims.serviceurl !== serviceUrl) {
        refuse(req, res, 'serviceurl claim does not match the activity');
        return;
      }
      const tenant = activity?.conversation?.tenantId ?? activity?.channelData?.tenant?.id;
      if (tenant !== opts.tenantId) {
        refuse(req, res, 'activity from another tenant');
        return;
      }
      (req as unknown as { user: JWTPayload }).user = claims;
      next();
    })().catch(next);
  };
}
