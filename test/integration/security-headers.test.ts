// The headers a browser (and a security scanner) reads from the running server: a Content-Security-Policy
// with no inline script, framing only by the Teams and Microsoft 365 hosts (or those configured), no
// referrer, HSTS where the service is on https, and RFC 6750 challenges on every 401.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_FRAME_ANCESTORS, loadConfig } from '../../src/config/schema.ts';
import { backends } from '../helpers/backends.ts';
import { DEMO, startTestApp, type TestApp } from '../helpers/harness.ts';
import { PUBLIC_URL, SAMTALE_APP, startM365Fakes, type M365Fakes } from '../helpers/m365.ts';

const [pglite] = await backends();
const TAB_INDEX = join(import.meta.dirname, '..', '..', 'tab', 'dist', 'index.html');

/** The policy's directives by name, each with its sources. */
function csp(headers: Headers): Map<string, string[]> {
  const value = headers.get('content-security-policy');
  expect(value, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    (value ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** What a browser enforces for scripts: script-src, else default-src. */
const scriptSources = (policy: Map<string, string[]>) =>
  policy.get('script-src') ?? policy.get('default-src') ?? [];

function expectHardened(headers: Headers) {
  const policy = csp(headers);
  expect(scriptSources(policy)).toContain("'self'");
  expect(scriptSources(policy)).not.toContain("'unsafe-inline'");
  expect(scriptSources(policy)).not.toContain("'unsafe-eval'");
  expect(policy.get('connect-src')).toContain("'self'");
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  return policy;
}

describe('security headers (local mode)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(pglite!);
  });
  afterAll(() => t.close());

  it('an API answer: CSP without inline script, framed only by the Teams and Microsoft 365 hosts, no referrer, no HSTS on http', async () => {
    const res = await t.call('GET', '/api/config');
    expect(res.status).toBe(200);
    const ancestors = expectHardened(res.headers).get('frame-ancestors') ?? [];
    expect(ancestors).toEqual(DEFAULT_FRAME_ANCESTORS);
    expect(ancestors).toEqual(
      expect.arrayContaining([
        'https://teams.microsoft.com',
        'https://*.teams.microsoft.com',
        'https://*.cloud.microsoft',
      ]),
    );
    // Nobody else: no wildcard host, nothing over plain http.
    for (const a of ancestors) expect(a).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+$/);
    // Local mode is plain http on loopback: HSTS there would only confuse a browser.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('every 401 challenges with Bearer, and says invalid_token when a token was refused', async () => {
    const path = '/api/me';
    const none = await t.call('GET', path);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const basic = await t.call('GET', path, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Bearer');
    for (const refused of ['Bearer not.a.token', 'Bearer ', 'Bearer a"b', 'bearer x.y.z']) {
      const res = await t.call('GET', path, { headers: { authorization: refused } });
      expect(res.status, refused).toBe(401);
      const challenge = res.headers.get('www-authenticate') ?? '';
      expect(challenge, refused).toMatch(/^Bearer\b/);
      if (refused.trim().includes(' ')) expect(challenge, refused).toContain('error="invalid_token"');
    }
  });

  it('the Authorization scheme is case-insensitive', async () => {
    const token = await t.token(DEMO.ola);
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const res = await t.call('GET', '/api/me', { headers: { authorization: `${scheme} ${token}` } });
      expect(res.status, scheme).toBe(200);
    }
  });

  it('the tab’s page: the same policy, and it needs no inline script to run', async () => {
    expect(existsSync(TAB_INDEX), 'tab/dist is missing: run `npm run build:tab`').toBe(true);
    const res = await fetch(`${t.url}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toBe(readFileSync(TAB_INDEX, 'utf8'));
    expect(expectHardened(res.headers).get('frame-ancestors')).toEqual(DEFAULT_FRAME_ANCESTORS);
    // Every script the page loads is a file of this origin: script-src 'self' lets it run.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/[^/]/);
      expect(body!.trim()).toBe('');
    }
    // A deep link is served the same page with the same policy.
    const deep = await fetch(`${t.url}/team`, { headers: { accept: 'text/html' } });
    expect(deep.headers.get('content-security-policy')).toBe(res.headers.get('content-security-policy'));
  });
});

describe('FRAME_ANCESTORS', () => {
  it('sets who may frame the tab', async () => {
    const hosts = 'https://teams.microsoft.com https://*.cloud.microsoft https://intranett.fjordvik.example';
    const t = await startTestApp(pglite!, { FRAME_ANCESTORS: hosts, SEED_DEMO: 'false' });
    try {
      const res = await t.call('GET', '/api/health');
      expect(csp(res.headers).get('frame-ancestors')).toEqual(hosts.split(' '));
    } finally {
      await t.close();
    }
  });

  it('refuses what is not a list of origins (nothing can end the directive), and http in m365 mode', () => {
    for (const bad of [
      "https://a.example; script-src 'unsafe-inline'",
      'https://a.example,https://b.example',
      '*',
    ]) {
      expect(() => loadConfig({ FRAME_ANCESTORS: bad }), bad).toThrow(ConfigError);
    }
    expect(() =>
      loadConfig({ FRAME_ANCESTORS: 'http://127.0.0.1:* https://teams.microsoft.com' }),
    ).not.toThrow();
    let problems: string[] = [];
    try {
      loadConfig({ SAMTALE_MODE: 'm365', FRAME_ANCESTORS: 'http://intranett.example' });
    } catch (e) {
      problems = e instanceof ConfigError ? e.problems : [];
    }
    expect(problems.some((p) => p.startsWith('FRAME_ANCESTORS'))).toBe(true);
  });
});

describe('security headers (m365 mode, against the tenant fakes)', () => {
  let fakes: M365Fakes;
  let t: TestApp;
  beforeAll(async () => {
    fakes = await startM365Fakes();
    t = await startTestApp(pglite!, fakes.env, { token: (oid) => fakes.token(oid) });
  });
  afterAll(async () => {
    await t?.close();
    await fakes?.close();
  });

  it('sends HSTS for at least a year, subdomains included', async () => {
    const res = await t.call('GET', '/api/health');
    const hsts = res.headers.get('strict-transport-security') ?? '';
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
    expect(maxAge).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(hsts).toMatch(/;\s*includeSubDomains\b/);
    expectHardened(res.headers);
  });

  it('takes a Teams SSO token under any case of the scheme, and challenges a refused one', async () => {
    const token = await fakes.token(DEMO.ola);
    const ok = await t.call('GET', '/api/me', { headers: { authorization: `bearer ${token}` } });
    expect(ok.status).toBe(200);
    const foreign = await fakes.entra.mintUserToken(
      { oid: DEMO.ola },
      { audience: `api://${new URL(PUBLIC_URL).host}/${SAMTALE_APP.clientId}`, foreignKey: true },
    );
    const refused = await t.call('GET', '/api/me', { headers: { authorization: `Bearer ${foreign}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });
});
