import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from '../../src/adapters/db/database.ts';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import { callerFor, conversationAt } from '../helpers/factory.ts';
import { MAIN, spawnUntilUrl } from '../helpers/process.ts';
import { closedLoop, numberArg, type LoadResult } from './load.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const fmt = (r: LoadResult) =>
  `${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   (${r.requests} requests, ${r.errors} errors)`;

export async function saveAnswerBench(args: string[]) {
  const clients = numberArg(args, 'clients', 100);
  const seconds = numberArg(args, 'seconds', 8);
  const postgres = args.includes('--postgres');
  const stored = numberArg(args, 'stored', 0);
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-bench-'));
  const children: ChildProcess[] = [];
  const database = postgres ? await createDatabase() : null;
  try {
    const bare = await spawnUntilUrl(join(ROOT, 'test/bench/bare-server.ts'), [], {}, 'inherit');
    children.push(bare.child);
    if (stored > 0) await fill(dataDir, database?.url, stored);
    // The product as `npm start` runs it: PGlite on disk, local mode (or a PostgreSQL server with --postgres).
    const samtale = await spawnUntilUrl(
      MAIN,
      ['serve'],
      { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: database?.url ?? '' },
      'inherit',
    );
    children.push(samtale.child);

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

    const runBare = () =>
      closedLoop(bare.url, clients, seconds, (c) => ({
        method: 'PUT',
        path: `/answers/${c}`,
        body: JSON.stringify({ value: text, baseVersion: 0 }),
      }));
    const runSamtale = () =>
      closedLoop(
        samtale.url,
        clients,
        seconds,
        (c) => ({
          method: 'PUT',
          path: `/api/conversations/${ids[c]}/answers/struktur-1`,
          headers: { authorization: `Bearer ${c % 2 ? ola : per}` },
          body: JSON.stringify({ value: `${text} ${versions[c]}`, baseVersion: versions[c] }),
        }),
        (c, status, body) => {
          if (status !== 200) return false;
          versions[c] = (JSON.parse(body) as { answer: { version: number } }).answer.version;
          return true;
        },
      );

    process.stdout.write(
      `save-answer: ${clients} concurrent clients, ${seconds} s per run, Node ${process.version}, database ${postgres ? 'PostgreSQL server' : 'PGlite on disk'}, ${stored} extra stored conversations\n`,
    );
    // A short warm-up of each, then the measured runs.
    await closedLoop(bare.url, clients, 1, (c) => ({
      method: 'PUT',
      path: `/answers/${c}`,
      body: '{"value":"w"}',
    }));
    await runSamtale();
    const b = await runBare();
    const s = await runSamtale();
    process.stdout.write(`  bare Express JSON handler  ${fmt(b)}\n`);
    process.stdout.write(`  Samtale save answer        ${fmt(s)}\n`);
    process.stdout.write(
      `  ratio ${((s.perSecond / b.perSecond) * 100).toFixed(1)} % of the bare handler (goal ≥ 50 %)\n`,
    );
    if (s.errors > 0) process.exitCode = 1;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

/**
 * Fills the database with `count` stored conversations (each with answers) before the server starts,
 * so save latency can be compared between a small and a large install. The server is started once
 * first to migrate and seed, then stopped, since PGlite allows one process at a time.
 */
async function fill(dataDir: string, url: string | undefined, count: number) {
  const first = await spawnUntilUrl(
    MAIN,
    ['serve'],
    { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: url ?? '' },
    'inherit',
  );
  await new Promise((resolve) => {
    first.child.once('exit', resolve);
    first.child.kill('SIGTERM');
  });
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
