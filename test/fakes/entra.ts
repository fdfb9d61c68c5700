// A protocol-level fake of Microsoft Entra ID over HTTPS: the tenant's OpenID configuration, its JWKS
// and the v2.0 token endpoint for the client-credentials grant and the on-behalf-of grant. Tokens are
// RS256 JWTs with the claim sets Entra issues (v1 issuer for Graph; `roles` and `idtyp: app` for an app,
// `scp` with the consented delegated scopes for a user), signed by a test key.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { testTls } from './tls.ts';

export interface FakeApp {
  clientId: string;
  clientSecret: string;
  /** Application permissions granted by an admin, per resource (e.g. `https://graph.microsoft.com`). */
  roles: Record<string, string[]>;
  /** The API the app exposes (Teams SSO): an on-behalf-of assertion must be issued for it. */
  applicationIdUri?: string;
  /**
   * Delegated permissions an admin consented to for everyone, per resource (`Calendars.ReadWrite` on
   * Graph). On-behalf-of asks for anything else are refused with AADSTS65001.
   */
  delegated?: Record<string, string[]>;
}

export interface EntraFake {
  url: string;
  tenantId: string;
  jwks: { keys: JWK[] };
  publicKey: CryptoKey;
  /** Token requests received, by grant type. */
  requests: { grant: string; clientId: string; scope: string }[];
  /** Sets what an admin has consented to on the app's behalf, per resource (empty: withdrawn). */
  setDelegatedConsent(clientId: string, resource: string, scopes: string[]): void;
  /** A delegated access token as Teams SSO gets it for a user (v2: scp, oid, tid, roles). */
  mintUserToken(user: { oid: string; name?: string; roles?: string[] }, opts?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export interface MintOptions {
  audience?: string;
  issuer?: string;
  tenantId?: string;
  scp?: string;
  expiresIn?: number;
  notBefore?: number;
  kid?: string;
  /** Signed by a key that is not in the tenant's JWKS. */
  foreignKey?: boolean;
  alg?: 'RS256' | 'HS256';
}

const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      error,
      error_description: description,
      error_codes: [status === 401 ? 7000215 : 900144],
    }),
  );
}

export async function startEntraFake(opts: {
  tenantId: string;
  apps: FakeApp[];
  tokenLifetimeSeconds?: number;
}): Promise<EntraFake> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  const requests: EntraFake['requests'] = [];
  const lifetime = opts.tokenLifetimeSeconds ?? 3599;
  let base = '';
  const tls = testTls();
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const [tenant, ...rest] = url.pathname.split('/').filter(Boolean);
    const path = rest.join('/');
    if (tenant !== opts.tenantId && tenant !== 'common' && tenant !== 'organizations') {
      oauthError(res, 400, 'invalid_tenant', `AADSTS90002: Tenant '${tenant}' not found.`);
      return;
    }
    if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      const t = opts.tenantId;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer: `${base}/${t}/v2.0`,
          authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
          tenant_region_scope: 'EU',
        }),
      );
      return;
    }
    if (req.method === 'GET' && path === 'discovery/v2.0/keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    if (req.method === 'POST' && path === 'oauth2/v2.0/token') {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        void (async () => {
          if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
            oauthError(res, 400, 'invalid_request', 'AADSTS900144: The request body must be form-encoded.');
            return;
          }
          const form = new URLSearchParams(body);
          const grant = form.get('grant_type') ?? '';
          const clientId = form.get('client_id') ?? '';
          const scope = form.get('scope') ?? '';
          requests.push({ grant, clientId, scope });
          if (grant === OBO_GRANT) {
            await onBehalfOf(res, form);
            return;
          }
          if (grant !== 'client_credentials') {
            oauthError(
              res,
              400,
              'unsupported_grant_type',
              `AADSTS70003: grant ${grant} is not supported by this fake.`,
            );
            return;
          }
          const app = opts.apps.find((a) => a.clientId === clientId);
          if (!app) {
            oauthError(
              res,
              400,
              'unauthorized_client',
              `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
            );
            return;
          }
          if (form.get('client_secret') !== app.clientSecret) {
            oauthError(res, 401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
            return;
          }
          const m = /^(https:\/\/[^ ]+)\/\.default$/.exec(
            scope.split(' ').find((s) => s.endsWith('/.default')) ?? '',
          );
          if (!m?.[1]) {
            oauthError(
              res,
              400,
              'invalid_scope',
              'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.',
            );
            return;
          }
          const resource = m[1];
          await issue(
            res,
            resource,
            app.clientId,
            {
              tid: opts.tenantId,
              appid: app.clientId,
              oid: app.clientId,
              roles: app.roles[resource] ?? [],
              idtyp: 'app',
            },
            {},
          );
        })();
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found' }));
  });

  /**
   * The on-behalf-of grant (RFC 7523 jwt-bearer with requested_token_use=on_behalf_of): the client
   * authenticates, the assertion must be a user token this tenant signed for the app's own API, and
   * every delegated scope asked for must have been consented to; the token carries those in `scp`.
   */
  async function onBehalfOf(res: ServerResponse, form: URLSearchParams) {
    const app = opts.apps.find((a) => a.clientId === form.get('client_id'));
    if (!app) {
      oauthError(
        res,
        400,
        'unauthorized_client',
        'AADSTS700016: Application was not found in the directory.',
      );
      return;
    }
    if (form.get('client_secret') !== app.clientSecret) {
      oauthError(res, 401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
      return;
    }
    if (form.get('requested_token_use') !== 'on_behalf_of') {
      oauthError(res, 400, 'invalid_request', 'AADSTS900144: requested_token_use must be on_behalf_of.');
      return;
    }
    let user: { oid: string; tid: string; name: string; upn: string };
    try {
      const { payload } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
        issuer: [`${base}/${opts.tenantId}/v2.0`, `https://sts.windows.net/${opts.tenantId}/`],
        audience: app.applicationIdUri ?? app.clientId,
        algorithms: ['RS256'],
      });
      if (typeof payload.oid !== 'string' || payload.tid !== opts.tenantId) throw new Error('no user');
      user = {
        oid: payload.oid,
        tid: opts.tenantId,
        name: typeof payload.name === 'string' ? payload.name : '',
        upn: typeof payload.upn === 'string' ? payload.upn : '',
      };
    } catch (e) {
      oauthError(
        res,
        400,
        'invalid_grant',
        `AADSTS50013: Assertion failed signature validation or is not for this application. (${(e as Error).message})`,
      );
      return;
    }
    // Scopes are asked for as <resource>/<scope>; OpenID's own need no consent.
    const asked = (form.get('scope') ?? '')
      .split(' ')
      .filter((s) => s && !['openid', 'profile', 'offline_access', 'email'].includes(s));
    const m = /^(https:\/\/[^/]+)\/(.+)$/.exec(asked[0] ?? '');
    const resource = m?.[1];
    if (!resource || asked.some((s) => !s.startsWith(`${resource}/`))) {
      oauthError(
        res,
        400,
        'invalid_scope',
        'AADSTS70011: The provided value for the input parameter scope is not valid.',
      );
      return;
    }
    const names = asked.map((s) => s.slice(resource.length + 1));
    const consented = app.delegated?.[resource] ?? [];
    const missing = names.filter((n) => n !== '.default' && !consented.includes(n));
    if (missing.length > 0 || consented.length === 0) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: 'invalid_grant',
          error_description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${app.clientId}'. Send an interactive authorization request for this user and resource.`,
          error_codes: [65001],
          suberror: 'consent_required',
        }),
      );
      return;
    }
    const scp = names.includes('.default') ? consented : names;
    await issue(
      res,
      resource,
      user.oid,
      { ...user, appid: app.clientId, scp: scp.join(' '), idtyp: 'user' },
      { scope: scp.map((n) => `${resource}/${n}`).join(' ') },
    );
  }

  /** A v1 access token for a resource (Graph's issuer and claims), and the token endpoint's answer. */
  async function issue(
    res: ServerResponse,
    resource: string,
    subject: string,
    claims: Record<string, unknown>,
    extra: Record<string, string>,
  ) {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims, ver: '1.0' })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(`https://sts.windows.net/${opts.tenantId}/`)
      .setAudience(resource)
      .setSubject(subject)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + lifetime)
      .sign(privateKey);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(
      JSON.stringify({
        token_type: 'Bearer',
        ...extra,
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: token,
      }),
    );
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    tenantId: opts.tenantId,
    jwks: { keys: [jwk] },
    publicKey,
    requests,
    setDelegatedConsent(clientId, resource, scopes) {
      const app = opts.apps.find((a) => a.clientId === clientId);
      if (!app) throw new Error(`no app ${clientId}`);
      app.delegated = { ...app.delegated, [resource]: scopes };
    },
    async mintUserToken(user, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      const tid = o.tenantId ?? opts.tenantId;
      const jwt = new SignJWT({
        tid,
        oid: user.oid,
        name: user.name ?? 'Test User',
        scp: o.scp ?? 'access_as_user',
        roles: user.roles ?? [],
        ver: '2.0',
        azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      })
        .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? kid, typ: 'JWT' })
        .setIssuer(o.issuer ?? `${base}/${tid}/v2.0`)
        .setAudience(o.audience ?? opts.apps[0]?.clientId ?? '')
        .setSubject(user.oid)
        .setIssuedAt(now - 10)
        .setNotBefore(now + (o.notBefore ?? -10))
        .setExpirationTime(now + (o.expiresIn ?? 3600));
      if (o.alg === 'HS256') return jwt.sign(new TextEncoder().encode(JSON.stringify(jwk)));
      return jwt.sign(o.foreignKey ? stranger.privateKey : privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
