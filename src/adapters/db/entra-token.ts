import { z } from 'zod';

// Azure Database for PostgreSQL with Microsoft Entra authentication takes an access token as the
// password, so no database password exists anywhere. App Service hands out its managed identity's
// tokens on a local endpoint (IDENTITY_ENDPOINT, guarded by the IDENTITY_HEADER secret it sets).
// node-postgres asks for the password on every new connection; a token lives for hours, so it is
// fetched once and reused until shortly before it expires, and concurrent connections share one request.

/** The Entra resource (audience) of Azure Database for PostgreSQL; scope `<this>/.default`. */
export const POSTGRES_RESOURCE = 'https://ossrdbms-aad.database.windows.net';
/** Fetch a new token this long before the old one expires, so no connection starts with a dying token. */
const RENEW_BEFORE_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  // App Service answers with seconds since the epoch, as a string.
  expires_on: z.coerce.number().int().positive(),
});

export interface TokenSourceOptions {
  /** Only IDENTITY_ENDPOINT and IDENTITY_HEADER are read. */
  env?: Record<string, string | undefined>;
  now?: () => number;
}

/** Returns a function that resolves to a current Entra access token for PostgreSQL. */
export function managedIdentityPostgresToken(opts: TokenSourceOptions = {}): () => Promise<string> {
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const request = async (): Promise<string> => {
    const endpoint = env.IDENTITY_ENDPOINT;
    const secret = env.IDENTITY_HEADER;
    if (!endpoint || !secret)
      throw new Error(
        'DATABASE_AUTH=entra needs the App Service managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER are not set',
      );
    const url = new URL(endpoint);
    url.searchParams.set('api-version', '2019-08-01');
    url.searchParams.set('resource', POSTGRES_RESOURCE);
    const res = await fetch(url, {
      headers: { 'X-IDENTITY-HEADER': secret },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 300);
      throw new Error(`managed identity token request failed: HTTP ${res.status} ${detail}`.trim());
    }
    const body = tokenResponse.safeParse(await res.json());
    if (!body.success) throw new Error('managed identity token response has no access_token/expires_on');
    cached = { token: body.data.access_token, renewAt: body.data.expires_on * 1000 - RENEW_BEFORE_MS };
    return body.data.access_token;
  };

  return () => {
    if (cached && now() < cached.renewAt) return Promise.resolve(cached.token);
    pending ??= request().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
