// Bodies and paths that cannot be decoded are the caller's mistake: a 4xx with a catalogue code on
// every operation (and a plain page on the tab's), never a 5xx.
import { brotliCompressSync, deflateSync, gzipSync, zstdCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../src/contract/endpoints.ts';
import { WORDS } from '../../src/contract/words/index.ts';
import { backends } from '../helpers/backends.ts';
import { DEMO, startTestApp, type TestApp } from '../helpers/harness.ts';

const [pglite] = await backends();
const MALFORMED = '%E0%A4%A';
const SOME_ID = '3f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00';

/** An operation's path with every parameter filled by a value its schema takes. */
const concrete = (path: string) =>
  path.replace(/:(\w+)/g, (_, name: string) =>
    name === 'id' ? SOME_ID : name === 'part' ? 'record' : name === 'key' ? 'medarbeidersamtale' : 'x',
  );

describe('undecodable bodies and paths', () => {
  let t: TestApp;
  let token = '';
  beforeAll(async () => {
    t = await startTestApp(pglite!);
    token = await t.token(DEMO.ola);
  });
  afterAll(() => t.close());

  const withBody = Object.values(endpoints).filter((e) => 'body' in e);
  const withParams = Object.values(endpoints).filter((e) => 'params' in e);

  /** Sends raw bytes as a JSON body labelled with a Content-Encoding. */
  const send = (method: string, path: string, bytes: Uint8Array, encoding: string) =>
    fetch(t.url + path, {
      method: method.toUpperCase(),
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-encoding': encoding,
      },
      body: Buffer.from(bytes),
    });

  it('a body that is not what its Content-Encoding says gets 400 BAD_ENCODING, on every operation with a body', async () => {
    const json = Buffer.from(JSON.stringify({ userId: DEMO.ola }));
    const cases: [string, Uint8Array][] = [
      ['gzip', Buffer.from('this is not gzip')],
      ['deflate', Buffer.from('this is not deflate')],
      ['br', Buffer.from('this is not brotli at all, not at all')],
      ['zstd', Buffer.from('this is not zstd')],
      // Cut short: starts right, ends early.
      ['gzip', gzipSync(json).subarray(0, 12)],
    ];
    expect(withBody.length).toBeGreaterThan(3);
    for (const e of withBody) {
      for (const [encoding, bytes] of cases) {
        const res = await send(e.method, concrete(e.path), bytes, encoding);
        const body = (await res.json()) as { error: { code: string } };
        expect(res.status, `${e.operationId} ${encoding}`).toBe(400);
        expect(body.error.code, `${e.operationId} ${encoding}`).toBe('BAD_ENCODING');
      }
    }
  });

  it('a well-formed compressed body is still read, and an unknown encoding gets 415', async () => {
    const json = Buffer.from(JSON.stringify({ userId: DEMO.per }));
    for (const [encoding, bytes] of [
      ['gzip', gzipSync(json)],
      ['deflate', deflateSync(json)],
      ['br', brotliCompressSync(json)],
      ['zstd', zstdCompressSync(json)],
    ] as const) {
      const res = await send('POST', endpoints.devLogin.path, bytes, encoding);
      expect(res.status, encoding).toBe(200);
      expect(((await res.json()) as { token?: string }).token, encoding).toBeTypeOf('string');
    }
    const odd = await send('POST', endpoints.devLogin.path, json, 'compress');
    expect(odd.status).toBe(415);
    expect(((await odd.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a malformed percent-encoding in an API path gets 400 BAD_PATH in the caller’s language', async () => {
    expect(withParams.length).toBeGreaterThan(3);
    for (const e of withParams) {
      const path = concrete(e.path.replace(/:\w+/, MALFORMED));
      const res = await t.call(e.method.toUpperCase(), path, { token, headers: { 'accept-language': 'en' } });
      expect(res.status, `${e.operationId} ${path}`).toBe(400);
      expect(res.body, e.operationId).toMatchObject({
        error: { code: 'BAD_PATH', message: WORDS.en.errors.BAD_PATH },
      });
    }
    const unknown = await t.call('GET', `/api/${MALFORMED}`, { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: 'BAD_PATH' } });
  });

  it('a malformed percent-encoding in a tab path gets a plain 400 page, not JSON', async () => {
    for (const path of [`/conversations/${MALFORMED}`, `/${MALFORMED}`, `/assets/${MALFORMED}`]) {
      const res = await fetch(t.url + path, { headers: { accept: 'text/html', 'accept-language': 'nb' } });
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/plain/);
      expect(await res.text(), path).toBe(WORDS.nb.errors.BAD_PATH);
    }
  });
});
