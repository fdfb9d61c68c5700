import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from '../../src/adapters/db/database.ts';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import { callerFor, conversationAt } from '../helpers/factory.ts';
import { MAIN, spawnUntilUrl } from '../helpers/process.ts';
import { closedLoop, numberArg, type LoadResult } from './load.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const fmt = (r: LoadResult, cpuMs: number | null = null) =>
  `${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   (${r.requests} requests, ${r.errors} errors${cpuMs === null ? '' : `, server CPU ${((cpuMs / r.requests) * 1000).toFixed(0)} µs per request`})`;

/**
 * A server process's CPU time so far in ms (Linux: /proc, at 100 ticks a second), or null elsewhere.
 * Per request, the difference between Samtale and the bare transaction is Samtale's own work.
 */
function cpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** A closed-loop run, with the CPU time the server spent on it. */
async function measured(pid: number | undefined, run: () => Promise<LoadResult>) {
  const before = cpuMs(pid);
  const result = await run();
  const after = cpuMs(pid);
  return { result, cpu: before === null || after === null ? null : after - before };
}

/** Where the bench stands against the issue's targets. */
const GOALS = { ofBareTransaction: 80, p99PgliteMs: 250, p99PostgresMs: 100 };

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * One run, three servers on one machine: the bare Express JSON handler (HTTP and JSON only), the bare
 * transaction (Samtale's own statements for a save, in one transaction on the same database, see
 * bare-transaction-server.ts) and Samtale. Samtale and the bare transaction update the same rows of
 * the same database in turn, since PGlite admits one process at a time.
 */
export async function saveAnswerBench(args: string[]) {
  const clients = numberArg(args, 'clients', 100);
  const seconds = numberArg(args, 'seconds', 8);
  const postgres = args.includes('--postgres');
  const stored = numberArg(args, 'stored', 0);
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-bench-'));
  const children = new Set<ChildProcess>();
  const database = postgres ? await createDatabase() : null;
  const env = { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: database?.url ?? '' };
  // The product as `npm start` runs it: PGlite on disk, local mode (or a PostgreSQL server with --postgres).
  const startSamtale = async () => {
    const s = await spawnUntilUrl(MAIN, ['serve'], env, 'inherit');
    children.add(s.child);
    return s;
  };
  try {
    const bare = await spawnUntilUrl(join(ROOT, 'test/bench/bare-server.ts'), [], {}, 'inherit');
    children.add(bare.child);
    const count = stored > 0 ? await fill(dataDir, database?.url, stored) : null;
    let samtale = await startSamtale();

    const tokens = new Map<string, string>();
    const caller = callerFor(samtale.url, tokens);
    // One conversation per client, so clients do not conflict with each other; each keeps its version.
    const ids: string[] = [];
    for (let i = 0; i < clients; i++)
      ids.push((await conversationAt(caller, 'held', { period: String(2100 + i) })).id);
    await caller(DEMO.per);
    // The load itself is raw HTTP with the parties' own tokens, as the tab sends it.
    const ola = tokens.get(DEMO.ola)!;
    const per = tokens.get(DEMO.per)!;
    const versions = new Array<number>(clients).fill(0);
    const text = 'Vi snakket om hvordan det siste året har vært, og om oppgavene fremover. '.repeat(4);
    const body = (c: number) => JSON.stringify({ value: `${text} ${versions[c]}`, baseVersion: versions[c] });
    // Each save must succeed from the version the last one gave, in Samtale and the bare transaction alike.
    const saved = (c: number, status: number, reply: string) => {
      if (status !== 200) return false;
      versions[c] = (JSON.parse(reply) as { answer: { version: number } }).answer.version;
      return true;
    };

    const runBare = () =>
      closedLoop(bare.url, clients, seconds, (c) => ({
        method: 'PUT',
        path: `/answers/${c}`,
        body: JSON.stringify({ value: text, baseVersion: 0 }),
      }));
    const runSamtale = (url: string, s = seconds) =>
      closedLoop(
        url,
        clients,
        s,
        (c) => ({
          method: 'PUT',
          path: `/api/conversations/${ids[c]}/answers/struktur-1`,
          headers: { authorization: `Bearer ${c % 2 ? ola : per}` },
          body: body(c),
        }),
        saved,
      );
    const runTransaction = (url: string, s = seconds) =>
      closedLoop(
        url,
        clients,
        s,
        (c) => ({
          method: 'PUT',
          path: `/conversations/${ids[c]}/answers/struktur-1`,
          headers: { 'x-actor': c % 2 ? DEMO.ola : DEMO.per },
          body: body(c),
        }),
        saved,
      );

    process.stdout.write(
      `save-answer: ${clients} concurrent clients, ${seconds} s per run, Node ${process.version}, database ${postgres ? 'PostgreSQL server' : 'PGlite on disk'}, ${count ?? 0} extra stored conversations\n`,
    );
    // Each measured run follows a short warm-up of its own server.
    await closedLoop(bare.url, clients, 1, (c) => ({
      method: 'PUT',
      path: `/answers/${c}`,
      body: '{"value":"w"}',
    }));
    const { result: b, cpu: bCpu } = await measured(bare.child.pid, runBare);

    // Every answer saved once (the first save inserts it), so both measured runs update, as a save usually does.
    await runSamtale(samtale.url, 1);
    // Samtale lets go of the database while the bare transaction runs on it (PGlite: one process).
    await stop(samtale.child);
    const tx = await spawnUntilUrl(
      join(ROOT, 'test/bench/bare-transaction-server.ts'),
      [database?.url ?? join(dataDir, 'db')],
      {},
      'inherit',
    );
    children.add(tx.child);
    await runTransaction(tx.url, 2);
    const { result: t, cpu: tCpu } = await measured(tx.child.pid, () => runTransaction(tx.url));
    await stop(tx.child);

    samtale = await startSamtale();
    await runSamtale(samtale.url, 2);
    const { result: s, cpu: sCpu } = await measured(samtale.child.pid, () => runSamtale(samtale.url));

    const goal = postgres ? GOALS.p99PostgresMs : GOALS.p99PgliteMs;
    const pct = (x: LoadResult, of: LoadResult) => ((x.perSecond / of.perSecond) * 100).toFixed(1);
    process.stdout.write(`  bare Express JSON handler  ${fmt(b, bCpu)}\n`);
    process.stdout.write(`  bare transaction           ${fmt(t, tCpu)}\n`);
    process.stdout.write(`  Samtale save answer        ${fmt(s, sCpu)}\n`);
    process.stdout.write(
      `  Samtale: ${pct(s, t)} % of the bare transaction (goal ≥ ${GOALS.ofBareTransaction} %), ${pct(s, b)} % of the bare handler; p99 ${s.p99.toFixed(1)} ms (goal ≤ ${goal} ms)\n`,
    );
    if (s.errors > 0 || t.errors > 0) process.exitCode = 1;
  } finally {
    await Promise.all([...children].map(stop));
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

/**
 * Fills the database with `count` stored conversations (each with answers) before the server starts,
 * so save latency can be compared between a small and a large install. The server is started once
 * first to migrate and seed, then stopped, since PGlite allows one process at a time.
 */
async function fill(dataDir: string, url: string | undefined, count: number): Promise<number> {
  const first = await spawnUntilUrl(
    MAIN,
    ['serve'],
    { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: url ?? '' },
    'inherit',
  );
  await stop(first.child);
  const db = url ? await openPostgres(url) : await openPglite(join(dataDir, 'db'));
  try {
    await db.exec(`
      insert into conversations (id, tid, template_key, template_version, period, status, leader_oid, employee_oid, unit_id, scheduled_at, created_by, created_at, updated_at, status_changed_at)
      select gen_random_uuid(), c.tid, c.template_key, c.template_version, 'B' || g, 'held', c.leader_oid, 'bench-' || g, c.unit_id, null, c.created_by, now(), now(), now()
        from generate_series(1, ${count}) g, (select * from conversations where template_key = 'medarbeidersamtale-10-faktor' limit 1) c;
      insert into answers (conversation_id, field_id, slot, value, version, updated_by, updated_at)
      select id, f, 'shared', to_jsonb('Lagret tekst for ytelsestest.'::text), 1, leader_oid, now()
        from conversations, unnest(array['struktur-1','struktur-2','struktur-3']) f where period like 'B%';
      analyze;`);
    const [row] = await db.query<{ n: number }>(
      `select count(*)::int as n from conversations where period like 'B%'`,
    );
    return row?.n ?? 0;
  } finally {
    await db.close();
  }
}

/** A fresh database on the PostgreSQL server named by TEST_DATABASE_URL (default: local, user postgres). */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `samtale_bench_${process.pid}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await run(`drop database if exists ${name} with (force)`);
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
