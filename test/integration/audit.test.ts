import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN } from '../helpers/process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, DatabaseInUseError } from '../../src/adapters/db/database.ts';
import { startSamtale, type Samtale } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { createLogger } from '../../src/logger.ts';
import { AUDIT_CHECKPOINT_FOLDER, AUDIT_GENESIS, auditHash } from '../../src/domain/audit.ts';
import type { Json } from '../../src/domain/canonical-json.ts';

const verify = (dataDir: string) =>
  spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, 'audit', 'verify'], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('audit verify (hash-chained audit trail, on disk, through the CLI)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-audit-'));
  let app: Samtale | null = null;

  beforeAll(async () => {
    // The demo seed signs records, opens preparation and so on: a real trail of events.
    app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to open the database while the server holds it', async () => {
    await expect(openPglite(join(dataDir, 'db'))).rejects.toBeInstanceOf(DatabaseInUseError);
    const r = verify(dataDir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is in use by process');
  });

  it('passes on an untouched trail, and fails on an edited, a removed, or a truncated event', async () => {
    const [{ n }] = (await app!.db.query<{ n: number }>('select count(*)::int as n from audit_events')) as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(10);
    await app!.close();
    app = null;

    let r = verify(dataDir);
    expect(r.stdout).toContain(`audit trail intact: ${n} events`);
    expect(r.status).toBe(0);

    const tamper = async (sql: string) => {
      const db = await openPglite(join(dataDir, 'db'));
      await db.exec(sql);
      await db.close();
    };
    // One edited field in the middle of the trail.
    await tamper(
      `update audit_events set data = '{"party":"employee","contentHash":"sha256:forged"}' where seq = (select min(seq) + 5 from audit_events)`,
    );
    r = verify(dataDir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/BROKEN at event \d+: changed/);

    // A broken trail stays broken, so each further case starts from a fresh install.
    rmSync(dataDir, { recursive: true, force: true });
    app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
    await app.close();
    app = null;
    expect(verify(dataDir).status).toBe(0);
    await tamper('delete from audit_events where seq = (select min(seq) + 3 from audit_events)');
    r = verify(dataDir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/missing-before/);

    rmSync(dataDir, { recursive: true, force: true });
    app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
    await app.close();
    app = null;
    await tamper('delete from audit_events where seq = (select max(seq) from audit_events)');
    r = verify(dataDir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('events were removed');
  });

  it('a chain recomputed from the start, head included, is caught by the checkpoints in the archive', async () => {
    rmSync(dataDir, { recursive: true, force: true });
    app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
    // The demo's signed records are archived in the background; each archiving writes a checkpoint.
    const folder = join(dataDir, 'archive', AUDIT_CHECKPOINT_FOLDER);
    for (let i = 0; i < 600 && !(existsSync(folder) && readdirSync(folder).length > 0); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(folder)).toHaveLength(1);
    await app.close();
    app = null;
    let r = verify(dataDir);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/verified against 1 checkpoints in the archive/);

    // Someone with the database rewrites one early event and recomputes every hash and the head,
    // exactly as Samtale would: the chain alone now looks intact.
    const db = await openPglite(join(dataDir, 'db'));
    const rows = await db.query<{
      seq: number;
      tid: string;
      at: Date;
      actor_oid: string;
      action: string;
      subject: string;
      data: Json;
    }>('select seq, tid, at, actor_oid, action, subject, data from audit_events order by seq');
    let prev = AUDIT_GENESIS;
    for (const [i, row] of rows.entries()) {
      const data = i === 2 ? { forged: true } : row.data;
      const hash = auditHash(prev, {
        tid: row.tid,
        at: row.at.toISOString(),
        actorOid: row.actor_oid,
        action: row.action,
        subject: row.subject,
        data,
      });
      await db.query('update audit_events set data = $2::jsonb, prev_hash = $3, hash = $4 where seq = $1', [
        row.seq,
        JSON.stringify(data),
        prev,
        hash,
      ]);
      prev = hash;
    }
    await db.query('update audit_head set hash = $1 where id = 1', [prev]);
    await db.close();

    r = verify(dataDir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /BROKEN at event \d+ \(it no longer matches the checkpoint kept in the archive\)/,
    );
  });
});
