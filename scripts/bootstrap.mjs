// Runs before start/test/bench with whatever Node the machine has (possibly 20), so plain JS only.
// It installs dependencies when they are missing or stale, under Node 24 (the `node` package from the
// npm registry) so that npm has nothing to warn about, shows how far it has come while it works, and
// builds the tab when its sources changed.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const lockFile = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.samtale-lock-sha256');
const bundledNode = join(root, 'node_modules', '.bin', 'node');
const say = (line) => process.stderr.write(`samtale: ${line}\n`);

const lockText = readFileSync(lockFile, 'utf8');
const lockHash = createHash('sha256').update(lockText).digest('hex');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';

/** Runs a command, telling the user every 15 s that it is still at work (npm can be silent for a minute). */
function run(what, command, args) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    const beat = setInterval(() => say(`${what} … ${Math.round((Date.now() - started) / 1000)} s`), 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(beat);
      if (code === 0) resolve();
      else reject(new Error(`${what} failed (exit code ${code}); see npm's message above`));
    });
  });
}

const olderThan22 = (version) => {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major < 22 || (major === 22 && minor < 12);
};

/** npm's own entry point, to run it under another Node. */
function npmCli() {
  const fromScript = process.env.npm_execpath;
  if (fromScript && fromScript.endsWith('.js')) return fromScript;
  const guess = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (existsSync(guess)) return guess;
  throw new Error('npm is not found beside this Node; run through `npm start` or `npm test`');
}

/**
 * The Node npm should run under: this one when it is new enough, otherwise Node 24 from the npm
 * registry, fetched once into a cache outside the project (npm ci replaces node_modules).
 */
async function nodeForNpm() {
  if (!olderThan22(process.version)) return process.execPath;
  const version = JSON.parse(lockText).packages['node_modules/node'].version;
  const prefix = join(tmpdir(), `samtale-node-${version}`);
  const binary = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(binary)) {
    say(`this machine has Node ${process.version}; fetching Node ${version} from the npm registry …`);
    await run('fetching Node', process.execPath, [
      npmCli(),
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `node@${version}`,
    ]);
  }
  return binary;
}

try {
  if (installed !== lockHash || !existsSync(bundledNode)) {
    const node = await nodeForNpm();
    say('installing dependencies (npm ci; about a minute the first time) …');
    await run('installing dependencies', node, [npmCli(), 'ci', '--no-audit', '--no-fund']);
    writeFileSync(stamp, lockHash + '\n');
  }

  const version = execFileSync(bundledNode, ['--version'], { encoding: 'utf8' }).trim();
  if (olderThan22(version)) {
    say(`the bundled Node is ${version}; 22.12 or newer is required`);
    process.exit(1);
  }

  // The tab is built with Vite into tab/dist whenever its sources changed since the last build.
  const tabStamp = join(root, 'tab', 'dist', '.sources-sha256');
  const tabHash = sourcesHash();
  if (!existsSync(tabStamp) || readFileSync(tabStamp, 'utf8').trim() !== tabHash) {
    say('building the tab (vite build) …');
    await run('building the tab', bundledNode, [
      'node_modules/vite/bin/vite.js',
      'build',
      '--logLevel',
      'warn',
    ]);
    writeFileSync(tabStamp, tabHash + '\n');
  }
} catch (e) {
  say(e instanceof Error ? e.message : String(e));
  process.exit(1);
}

/** What the tab is built from: its own sources and the contract it shares with the server. */
function sourcesHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ['tab/src', 'src/contract', 'src/domain', 'src/errors']) walk(join(root, dir));
  for (const f of ['tab/index.html', 'vite.config.ts', 'package-lock.json'])
    hash.update(f).update(readFileSync(join(root, f)));
  return hash.digest('hex');
}
