// Runs before start/test/bench with whatever Node the machine has (possibly 20), so plain JS only.
// It installs dependencies when they are missing or stale, and checks that the project's own
// Node 24 (the `node` package, placed first on PATH by npm scripts) is in place.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.samtale-lock-sha256');
const bundledNode = join(root, 'node_modules', '.bin', 'node');

const lockHash = createHash('sha256').update(readFileSync(lock)).digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';

if (installed !== lockHash || !existsSync(bundledNode)) {
  process.stderr.write('samtale: installing dependencies (npm ci) …\n');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, lockHash + '\n');
}

const version = execSync(`"${bundledNode}" --version`, { encoding: 'utf8' }).trim();
const [major, minor] = version.slice(1).split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`samtale: the bundled Node is ${version}; 22.12 or newer is required\n`);
  process.exit(1);
}

// The tab is built with Vite into tab/dist whenever its sources changed since the last build.
function sourcesHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  walk(join(root, 'tab', 'src'));
  for (const f of ['tab/index.html', 'vite.config.ts', 'package-lock.json'])
    hash.update(f).update(readFileSync(join(root, f)));
  return hash.digest('hex');
}
const tabStamp = join(root, 'tab', 'dist', '.sources-sha256');
const tabHash = sourcesHash();
if (!existsSync(tabStamp) || readFileSync(tabStamp, 'utf8').trim() !== tabHash) {
  process.stderr.write('samtale: building the tab (vite build) …\n');
  execSync(`"${bundledNode}" node_modules/vite/bin/vite.js build --logLevel warn`, {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(tabStamp, tabHash + '\n');
}
