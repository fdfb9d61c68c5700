import { errorView } from '../../src/contract/views.ts';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botInboundAuth } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import { startBotFrameworkFake, type BotFrameworkFake } from '../fakes/botframework.ts';

const BOT = '2d7e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

describe('inbound Bot Connector authentication (m365 mode)', () => {
  let fake: BotFrameworkFake;
  let server: Server;
  let url = '';
  const reached: string[] = [];
  beforeAll(async () => {
    fake = await startBotFrameworkFake(BOT);
    const app = express();
    // The same guard the app mounts in m365 mode, built from an m365 configuration.
    const config = loadConfig({
      SAMTALE_MODE: 'm365',
      TENANT_ID: DEMO_TENANT_ID,
      CLIENT_ID: BOT,
      CLIENT_SECRET: 'not-used-here',
      PUBLIC_URL: 'https://samtale.example.no',
      SHAREPOINT_SITE_ID:
        'fjordvik.sharepoint.com,2f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00,3f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      SHAREPOINT_SITE_URL: 'https://fjordvik.sharepoint.com/sites/samtalearkiv',
      SHAREPOINT_SALARY_GROUP_ID: '4f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      BOT_OPENID_METADATA_URL: fake.openIdMetadataUrl,
    });
    const guard = botInboundAuth(config);
    expect(guard).toHaveLength(1);
    expect(botInboundAuth(loadConfig({}))).toEqual([]);
    app.post('/api/messages', express.json(), ...guard, (req, res) => {
      reached.push((req.body as { id: string }).id);
      res.status(200).json({});
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });
  afterAll(async () => {
    server?.close();
    await fake?.close();
  });

  const activity = (over: Record<string, unknown> = {}) => ({
    id: crypto.randomUUID(),
    type: 'message',
    text: 'hjelp',
    serviceUrl: SERVICE_URL,
    channelId: 'msteams',
    conversation: { id: 'a:1', tenantId: DEMO_TENANT_ID },
    from: { id: '29:1', aadObjectId: 'x' },
    recipient: { id: `28:${BOT}` },
    ...over,
  });
  const post = async (token: string | null, body = activity(), scheme = 'Bearer') => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `${scheme} ${token}` }),
      },
      body: JSON.stringify(body),
    });
    if (res.status === 401) {
      // Refusals have the API's one error shape, with the reason for the operator.
      const refusal = errorView.parse(await res.json());
      expect(refusal.error.code).toBe('UNAUTHENTICATED');
      expect(refusal.error.details?.reason).toEqual(expect.any(String));
    }
    return { status: res.status, reached: reached.includes(body.id) };
  };
  const unsigned = (alg: string) =>
    `${base64url.encode(JSON.stringify({ alg, typ: 'JWT' }))}.${base64url.encode(JSON.stringify({ iss: fake.issuer, aud: BOT, serviceurl: SERVICE_URL, exp: Math.floor(Date.now() / 1000) + 600 }))}.`;

  it('accepts a valid token, and one expired within the 5-minute skew', async () => {
    expect(await post(await fake.mint({ serviceurl: SERVICE_URL }))).toEqual({ status: 200, reached: true });
    // The scheme is case-insensitive (RFC 7235).
    expect(await post(await fake.mint({ serviceurl: SERVICE_URL }), activity(), 'bearer')).toEqual({
      status: 200,
      reached: true,
    });
    expect(await post(await fake.mint({ serviceurl: SERVICE_URL }, { expiresIn: -120 }))).toEqual({
      status: 200,
      reached: true,
    });
  });

  const rejected: [string, () => Promise<{ token: string | null; body?: ReturnType<typeof activity> }>][] = [
    ['no token', () => Promise.resolve({ token: null })],
    [
      'a wrong issuer',
      async () => ({
        token: await fake.mint({ serviceurl: SERVICE_URL }, { issuer: 'https://sts.windows.net/evil/' }),
      }),
    ],
    [
      'a wrong audience',
      async () => ({ token: await fake.mint({ serviceurl: SERVICE_URL }, { audience: 'another-bot' }) }),
    ],
    [
      'expired beyond 5 minutes',
      async () => ({ token: await fake.mint({ serviceurl: SERVICE_URL }, { expiresIn: -400 }) }),
    ],
    ['alg none', () => Promise.resolve({ token: unsigned('none') })],
    [
      'HS256',
      async () => ({
        token: await new SignJWT({ serviceurl: SERVICE_URL })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(fake.issuer)
          .setAudience(BOT)
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode('the public key as an HMAC secret')),
      }),
    ],
    [
      'an unknown kid',
      async () => ({
        token: await fake.mint({ serviceurl: SERVICE_URL }, { kid: 'not-in-the-jwks', foreignKey: true }),
      }),
    ],
    [
      'a key the JWKS does not hold',
      async () => ({ token: await fake.mint({ serviceurl: SERVICE_URL }, { foreignKey: true }) }),
    ],
    ['a missing serviceurl claim', async () => ({ token: await fake.mint({}) })],
    [
      'a different serviceurl',
      async () => ({ token: await fake.mint({ serviceurl: 'https://attacker.example/' }) }),
    ],
    [
      'a foreign tenant',
      async () => ({
        token: await fake.mint({ serviceurl: SERVICE_URL }),
        body: activity({ conversation: { id: 'a:1', tenantId: '11111111-2222-4333-8444-555555555555' } }),
      }),
    ],
  ];
  for (const [name, make] of rejected) {
    it(`rejects ${name} with 401, before the bot sees the activity`, async () => {
      const { token, body } = await make();
      expect(await post(token, body)).toEqual({ status: 401, reached: false });
    });
  }
});
