// npm run bench -- tab: the tab's initial JavaScript (gzipped) and time to the first interactive
// render of "Mine samtaler" in headless Chromium, median of several cold page loads.
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

export async function tabBench(args: string[]) {
  const runs = numberArg(args, 'runs', 9);
  const js = initialJs();
  process.stdout.write(
    `tab: initial JavaScript ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped (${(js.rawBytes / 1024).toFixed(0)} KB raw, ${js.files.length} file(s)); goal ≤ 250 KB\n`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-tab-bench-'));
  const app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    logger: createLogger('silent'),
  });
  const browser = await launchBrowser();
  try {
    const token = (
      (await (
        await fetch(`${app.url}/api/dev/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: DEMO.ola }),
        })
      ).json()) as { token: string }
    ).token;
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
    if (js.gzipBytes > 250 * 1024) process.exitCode = 1;
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
