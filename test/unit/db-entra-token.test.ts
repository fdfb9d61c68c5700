// The Entra token for PostgreSQL comes from App Service's managed identity endpoint. A local HTTP
// server stands in for that endpoint: no Azure here.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresConnection } from '../../src/adapters/db/database.ts';
import { managedIdentityPostgresToken, POSTGRES_RESOURCE } from '../../src/adapters/db/entra-token.ts';

const SECRET = 'identity-header-secret';
let server: Server;
let endpoint: string;
let requests: IncomingMessage[];
let reply: { status: number; body: unknown };

beforeEach(async () => {
  requests = [];
  reply = { status: 200, body: {} };
  server = createServer((req, res) => {
    requests.push(req);
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
});

afterEach(async () => {
  server.close();
  await once(server, 'close');
});

const HOUR = 3_600_000;
const token = (value: string, expiresAtMs: number) => ({
  access_token: value,
  expires_on: String(Math.floor(expiresAtMs / 1000)),
  resource: POSTGRES_RESOURCE,
  token_type: 'Bearer',
});

describe('managed identity token for PostgreSQL', () => {
  it('asks the identity endpoint for the PostgreSQL resource with the identity header', async () => {
    reply.body = token('t1', Date.now() + HOUR);
    const get = managedIdentityPostgresToken({
      env: { IDENTITY_ENDPOINT: endpoint, IDENTITY_HEADER: SECRET },
    });
    expect(await get()).toBe('t1');
    expect(requests).toHaveLength(1);
    const req = requests[0]!;
    const url = new URL(req.url ?? '', endpoint);
    expect(url.pathname).toBe('/msi/token');
    expect(url.searchParams.get('resource')).toBe('https://ossrdbms-aad.database.windows.net');
    expect(url.searchParams.get('api-version')).toBe('2019-08-01');
    expect(req.method).toBe('GET');
    expect(req.headers['x-identity-header']).toBe(SECRET);
  });

  it('reuses the token until five minutes before it expires, and shares one request between callers', async () => {
    let now = Date.now();
    reply.body = token('t1', now + HOUR);
    const get = managedIdentityPostgresToken({
      env: { IDENTITY_ENDPOINT: endpoint, IDENTITY_HEADER: SECRET },
      now: () => now,
    });
    expect(await Promise.all([get(), get(), get()])).toEqual(['t1', 't1', 't1']);
    now += HOUR - 6 * 60_000;
    expect(await get()).toBe('t1');
    expect(requests).toHaveLength(1);
    reply.body = token('t2', now + 2 * HOUR);
    now += 2 * 60_000; // now four minutes before expiry
    expect(await get()).toBe('t2');
    expect(requests).toHaveLength(2);
  });

  it('fails on an error answer, and asks again next time', async () => {
    const get = managedIdentityPostgresToken({
      env: { IDENTITY_ENDPOINT: endpoint, IDENTITY_HEADER: SECRET },
    });
    reply = { status: 500, body: { error: 'unavailable' } };
    await expect(get()).rejects.toThrow(/HTTP 500/);
    reply = { status: 200, body: { token_type: 'Bearer' } };
    await expect(get()).rejects.toThrow(/no access_token/);
    reply = { status: 200, body: token('t3', Date.now() + HOUR) };
    expect(await get()).toBe('t3');
    expect(requests).toHaveLength(3);
  });

  it('names what is missing outside App Service', async () => {
    await expect(managedIdentityPostgresToken({ env: {} })()).rejects.toThrow(
      /IDENTITY_ENDPOINT and IDENTITY_HEADER/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('PostgreSQL connection settings', () => {
  it('passes the URL through with password authentication', () => {
    expect(postgresConnection('postgresql://u:p@db:5432/samtale', 'password')).toEqual({
      connectionString: 'postgresql://u:p@db:5432/samtale',
    });
  });

  it('with Entra, gives the token function as the password, over TLS, and no connection string', () => {
    const get = () => Promise.resolve('t');
    // A connectionString would replace the password function with the URL's empty password.
    expect(
      postgresConnection(
        'postgresql://samtale-web@pg.postgres.database.azure.com:5432/samtale?sslmode=require',
        'entra',
        get,
      ),
    ).toEqual({
      host: 'pg.postgres.database.azure.com',
      port: 5432,
      database: 'samtale',
      user: 'samtale-web',
      ssl: true,
      password: get,
    });
    expect(() => postgresConnection('postgresql://u:secret@db/samtale', 'entra', get)).toThrow(
      /no password with DATABASE_AUTH=entra/,
    );
  });
});
