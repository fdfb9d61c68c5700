// Debian's Chromium driven by playwright-core: no browser download, the flags this offline machine needs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ensureDebian } from '../../scripts/ensure-debian.mjs';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  const [executablePath] = ensureDebian('chromium', 'chromium-l10n');
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    // The browser of a Norwegian municipality: its own controls (date fields) in Norwegian. On Linux
    // Chromium takes its interface language from the environment (LANGUAGE). The machine has no
    // nb_NO locale, and an unknown one leaves the process in plain C, where a downloaded file named
    // "… – Åse" loses its name: C.UTF-8 always exists.
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', LANGUAGE: 'nb' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
