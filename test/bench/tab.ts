// npm run bench -- tab: the tab's initial JavaScript (compressed, and served compressed), the time to
// the first interactive render of "Mine samtaler" in headless Chromium (median of several cold page
// loads), and Lighthouse (mobile) on the picker, "Mine samtaler" and a conversation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startSamtale } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { LIGHTHOUSE_GOALS, meetsGoals, runLighthouse } from './lighthouse.ts';
import { numberArg } from './load.ts';

const DIST = join(import.meta.dirname, '..', '..', 'tab', 'dist');

function initialJs(): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  // What the page loads before anything runs: its module scripts and module preloads.
  const files = [
    ...html.matchAll(
      /<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g,
    ),
  ].map((m) => m[1]!);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const f of files) {
    const body = readFileSync(join(DIST, f));
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

const JS_GOAL_KB = 150;

/** A demo user's token, as the local picker gets it. */
async function loginAs(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function tabBench(args: string[]) {
  const runs = numberArg(args, 'runs', 9);
  const lighthouseRuns = numberArg(args, 'lighthouse-runs', 3);
  const js = initialJs();
  process.stdout.write(
    `tab: initial JavaScript ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped (${(js.rawBytes / 1024).toFixed(0)} KB raw, ${js.files.length} file(s)); goal ≤ ${JS_GOAL_KB} KB\n`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-tab-bench-'));
  const app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    logger: createLogger('silent'),
  });
  const browser = await launchBrowser();
  try {
    const token = await loginAs(app.url, DEMO.ola);
    // What a phone is sent: every initial script in brotli, with the encoding said.
    const encodings = await Promise.all(
      js.files.map(async (f) => {
        const res = await fetch(`${app.url}${f}`, { headers: { 'accept-encoding': 'br, gzip' } });
        // fetch decodes the body, so the bytes on the wire are the declared length.
        await res.arrayBuffer();
        const bytes = Number(res.headers.get('content-length') ?? Number.NaN);
        return { encoding: res.headers.get('content-encoding') ?? 'none', bytes };
      }),
    );
    const sent = encodings.reduce((sum, e) => sum + e.bytes, 0);
    const plain = encodings.filter((e) => e.encoding !== 'br').length;
    process.stdout.write(
      `tab: served ${(sent / 1024).toFixed(1)} KB over the wire for those scripts; ${plain === 0 ? 'all brotli' : `${plain} not brotli`}\n`,
    );
    if (plain > 0) process.exitCode = 1;

    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ locale: 'nb-NO' });
      // Signed in already (the token a Teams host or the picker would give), so the list is the first screen.
      await context.addInitScript((t) => {
        sessionStorage.setItem('samtale.token', t);
        new MutationObserver((_, obs) => {
          const link = document.querySelector('main table a');
          if (link) {
            (window as unknown as { __ready: number }).__ready = performance.now();
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, token);
      const page = await context.newPage();
      await page.goto(`${app.url}/`);
      await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined);
      times.push(await page.evaluate(() => (window as unknown as { __ready: number }).__ready));
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    process.stdout.write(
      `tab: "Mine samtaler" interactive after ${median.toFixed(0)} ms (median of ${runs} cold loads; min ${times[0]!.toFixed(0)} ms, max ${times[times.length - 1]!.toFixed(0)} ms)\n`,
    );
    if (js.gzipBytes > JS_GOAL_KB * 1024) process.exitCode = 1;

    const kari = await loginAs(app.url, DEMO.kari);
    const list = (await (
      await fetch(`${app.url}/api/conversations`, { headers: { authorization: `Bearer ${kari}` } })
    ).json()) as { conversations: { id: string; template: { key: string } }[] };
    const conversation = list.conversations.find((c) => c.template.key === 'kontraktsamtale')!;
    const scores = await runLighthouse(
      [
        { name: 'velg bruker', url: `${app.url}/`, token: null, heading: /demobruker|demo user/ },
        { name: 'Mine samtaler', url: `${app.url}/`, token, heading: /Mine samtaler|My conversations/ },
        {
          name: 'kontraktsamtale',
          url: `${app.url}/conversations/${conversation.id}`,
          token: kari,
          heading: /Vedlegg 6|kontrakt/i,
        },
      ],
      lighthouseRuns,
    );
    const goals = Object.entries(LIGHTHOUSE_GOALS)
      .map(([k, v]) => `${k} ≥ ${v}`)
      .join(', ');
    for (const [name, s] of scores) {
      process.stdout.write(
        `tab: Lighthouse mobile, ${name}: performance ${s.performance}, accessibility ${s.accessibility}, best practices ${s['best-practices']} (median of ${lighthouseRuns}; goal ${goals})\n`,
      );
      if (!meetsGoals(s)) {
        process.exitCode = 1;
        for (const f of s.failing) process.stdout.write(`       ${f}\n`);
      }
    }
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
