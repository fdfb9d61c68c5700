// The tests use a few of Debian's programs: Chromium and its translations (browser tests, through
// playwright-core), poppler-utils / qpdf (to inspect archived PDFs), openssl (the fakes' test
// certificate). Installed with apt-get when missing; nothing downloads its own copy. CI and the
// project's machines run as root.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = {
  chromium: '/usr/bin/chromium',
  // Chromium's translations: without them its own controls (a date field's "dd.mm.åååå") are American.
  'chromium-l10n': '/usr/lib/chromium/locales/nb.pak',
  'poppler-utils': '/usr/bin/pdffonts',
  qpdf: '/usr/bin/qpdf',
  openssl: '/usr/bin/openssl',
};

export function ensureDebian(...names) {
  const missing = names.filter((n) => !existsSync(PACKAGES[n]));
  if (missing.length > 0) {
    process.stderr.write(
      `samtale: installing Debian packages for the tests: ${missing.join(' ')} (apt-get) …\n`,
    );
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    // Test files run in parallel: the lock makes a second installer wait for the first instead of
    // failing on apt's own lock (installing what is already there is then a quick no-op).
    execSync(
      `${sudo}flock /tmp/samtale-apt.lock sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}'`,
      { stdio: 'inherit' },
    );
    for (const n of missing)
      if (!existsSync(PACKAGES[n])) throw new Error(`${n} is still missing (${PACKAGES[n]})`);
  }
  return names.map((n) => PACKAGES[n]);
}

if (import.meta.url === `file://${process.argv[1]}`)
  ensureDebian(...(process.argv.length > 2 ? process.argv.slice(2) : Object.keys(PACKAGES)));
