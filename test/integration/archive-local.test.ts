import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN } from '../helpers/process.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { localFolderArchive } from '../../src/adapters/archive/local-folder.ts';
import { openPglite } from '../../src/adapters/db/database.ts';
import { AUDIT_CHECKPOINT_FOLDER } from '../../src/domain/audit.ts';
import { startSamtale } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO } from '../helpers/harness.ts';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? files(join(dir, n)).map((f) => `${n}/${f}`) : [n],
  );
}

describe('the local archive (./data/archive), through the CLI and the API', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-archive-'));
  const archiveDir = join(dataDir, 'archive');
  const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, ...args], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  let signedIds: string[] = [];

  it('archives every signed record once: a folder per year and type, metadata beside each PDF', async () => {
    const app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
    signedIds = (
      await app.db.query<{ id: string }>("select id from conversations where status = 'signed' order by id")
    ).map((r) => r.id);
    await app.close();
    expect(signedIds.length).toBe(3);

    const first = cli('archive', 'run');
    expect(first.status, first.stderr).toBe(0);
    const pdfs = files(archiveDir).filter((f) => f.endsWith('.pdf'));
    // kontraktsamtale (record + salary), utviklingssamtale, medarbeidersamtale
    expect(pdfs).toHaveLength(4);
    for (const f of pdfs)
      expect(f).toMatch(
        /^\d{4}\/(kontraktsamtale|utviklingssamtale-leder|medarbeidersamtale-10-faktor)\/[a-z0-9-]+-(record|salary)-[0-9a-f]{12}\.pdf$/,
      );
    const salary = pdfs.find((f) => f.includes('-salary-'))!;
    const meta = JSON.parse(readFileSync(join(archiveDir, `${salary}.json`), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(meta).toMatchObject({
      sjekksumAlgoritme: 'SHA256',
      tilgangsrestriksjon: 'Unntatt offentlighet',
      skjermingshjemmel: 'Offl. § 14 første ledd',
      samtaletype: 'Kontraktsamtale',
      medarbeider: 'Ola Hansen',
      leder: 'Kari Nordmann',
      del: 'salary',
    });
    for (const key of [
      'tittel',
      'dokumentetsDato',
      'sjekksum',
      'arkivertDato',
      'arkivertAv',
      'kassasjonsdato',
      'periode',
      'enhet',
      'malversjon',
      'innholdsnokkel',
    ])
      expect(meta[key], key).toBeTruthy();
    expect(meta.sjekksum).toMatch(/^[0-9a-f]{64}$/);
    expect(
      Number(String(meta.kassasjonsdato).slice(0, 4)) - Number(String(meta.arkivertDato).slice(0, 4)),
    ).toBe(10);

    // Running again archives nothing new and duplicates nothing.
    const second = cli('archive', 'run');
    expect(second.stdout).toContain('nothing to archive');
    // Copies archived here never had permissions of their own: the migration has nothing to do.
    const migration = cli('archive', 'migrate-permissions');
    expect(migration.status, migration.stderr).toBe(0);
    expect(migration.stdout).toContain("nothing to migrate: every copy has its library's permissions");
    expect(files(archiveDir).filter((f) => f.endsWith('.pdf'))).toEqual(pdfs);
  });

  it('verify confirms an untouched copy and catches one flipped byte', () => {
    const id = signedIds[0]!;
    let r = cli('archive', 'verify', id);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('archive copy verified');

    const target = files(archiveDir).find((f) => f.endsWith('.pdf') && f.includes(id.slice(0, 8)))!;
    const path = join(archiveDir, target);
    const bytes = readFileSync(path);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
    writeFileSync(path, bytes);
    r = cli('archive', 'verify', id);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('CHECKSUM MISMATCH');
    // Put back: the copy is opened through the app below.
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
    writeFileSync(path, bytes);
    expect(cli('archive', 'verify', id).status).toBe(0);
  });

  it('verify catches edited metadata beside a copy: a name, the offl. marking', () => {
    const id = signedIds[2]!;
    expect(cli('archive', 'verify', id).status).toBe(0);
    const target = files(archiveDir).find((f) => f.endsWith('.pdf.json') && f.includes(id.slice(0, 8)))!;
    const path = join(archiveDir, target);
    const original = readFileSync(path, 'utf8');
    for (const edit of [
      (m: Record<string, unknown>) => ({ ...m, medarbeider: 'Noen Andre' }),
      (m: Record<string, unknown>) => ({ ...m, tilgangsrestriksjon: 'Offentlig', skjermingshjemmel: '' }),
    ]) {
      writeFileSync(path, JSON.stringify(edit(JSON.parse(original) as Record<string, unknown>), null, 2));
      const r = cli('archive', 'verify', id);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('METADATA MISMATCH');
    }
    // Put back as it was (spacing aside), it verifies again: the checksum is over the fields.
    writeFileSync(path, JSON.stringify(JSON.parse(original)));
    expect(cli('archive', 'verify', id).status).toBe(0);
  });

  it('verify also notices when the stored record no longer matches what was signed', async () => {
    const id = signedIds[1]!;
    expect(cli('archive', 'verify', id).status).toBe(0);
    const db = await openPglite(join(dataDir, 'db'));
    await db.query(
      `update answers set value = '"forfalsket"'::jsonb where conversation_id = $1 and slot = 'shared' and field_id = (select min(field_id) from answers where conversation_id = $1 and slot = 'shared')`,
      [id],
    );
    await db.close();
    const r = cli('archive', 'verify', id);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('RECORD NO LONGER MATCHES THE SIGNED HASH');
  });

  it('the parties and HR open copies from the app; salary only with HR.Salary; strangers see nothing', async () => {
    const app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
    try {
      const [kontrakt] = await app.db.query<{ id: string }>(
        "select id from conversations where template_key = 'kontraktsamtale' and status = 'archived'",
      );
      const token = async (userId: string) =>
        (
          (await (
            await fetch(`${app.url}/api/dev/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ userId }),
            })
          ).json()) as { token: string }
        ).token;
      const open = async (userId: string, part: string) => {
        const res = await fetch(`${app.url}/api/conversations/${kontrakt!.id}/archive/${part}`, {
          headers: { authorization: `Bearer ${await token(userId)}` },
        });
        const body = Buffer.from(await res.arrayBuffer());
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          pdf: body.subarray(0, 5).toString() === '%PDF-',
        };
      };
      const expectations: [string, string, number][] = [
        [DEMO.ola, 'record', 200],
        [DEMO.ola, 'salary', 200],
        [DEMO.kari, 'salary', 200],
        [DEMO.hilde, 'record', 200],
        [DEMO.hilde, 'salary', 403],
        [DEMO.lars, 'record', 200],
        [DEMO.lars, 'salary', 200],
        [DEMO.ingrid, 'record', 404],
        [DEMO.ingrid, 'salary', 404],
        [DEMO.anne, 'salary', 404],
        [DEMO.per, 'record', 404],
      ];
      for (const [user, part, status] of expectations) {
        const r = await open(user, part);
        expect(r.status, `${user} ${part}`).toBe(status);
        if (status === 200) expect(r.pdf).toBe(true);
      }
      const reads = await app.db.query<{ actor_oid: string }>(
        "select actor_oid from audit_events where action = 'archive.read-by-hr' and subject = $1",
        [kontrakt!.id],
      );
      expect(new Set(reads.map((r) => r.actor_oid))).toEqual(new Set([DEMO.hilde, DEMO.lars]));

      // A copy changed after archiving is not served: an error and an audit event, not a file.
      const [row] = await app.db.query<{ path: string }>(
        "select path from archive_copies where conversation_id = $1 and part = 'record'",
        [kontrakt!.id],
      );
      const file = join(archiveDir, row!.path);
      const bytes = readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(100) ^ 0x01, 100);
      writeFileSync(file, bytes);
      const damaged = await fetch(`${app.url}/api/conversations/${kontrakt!.id}/archive/record`, {
        headers: { authorization: `Bearer ${await token(DEMO.hilde)}`, 'accept-language': 'nb' },
      });
      expect(damaged.status).toBe(500);
      expect(damaged.headers.get('content-type')).toContain('application/json');
      const body = (await damaged.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('ARCHIVE_COPY_DAMAGED');
      expect(body.error.message).toContain('samsvarer ikke med sjekksummen');
      const incidents = await app.db.query<{ actor_oid: string }>(
        "select actor_oid from audit_events where action = 'archive.copy-damaged' and subject = $1",
        [kontrakt!.id],
      );
      expect(incidents.map((r) => r.actor_oid)).toEqual([DEMO.hilde]);
    } finally {
      await app.close();
    }
  });
});

describe('archiving at start in local mode', () => {
  it("archives the demo's records and plans side by side without a failed job, and the day's checkpoint holds the chain's head", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'samtale-start-archive-'));
    const lines: { level: string; msg: string }[] = [];
    const app = await startSamtale(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' }), {
      logger: createLogger('info', (l) => lines.push(JSON.parse(l) as { level: string; msg: string })),
    });
    try {
      const { store } = app.deps;
      for (let i = 0; i < 600; i++) {
        const waiting = await Promise.all([store.awaitingArchive(), store.plans.awaitingArchive()]);
        if (waiting.every((w) => w.length === 0)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await store.plans.awaitingArchive()).toEqual([]);
      expect(lines.filter((l) => l.msg === 'document archived').length).toBeGreaterThan(0);
      const archive = localFolderArchive(join(dataDir, 'archive'));
      const head = await store.auditHead();
      const folder = join(dataDir, 'archive', AUDIT_CHECKPOINT_FOLDER);
      const latest = async () =>
        archive.auditCheckpoint(
          readdirSync(folder)
            .sort()
            .at(-1)!
            .replace(/\.json$/, ''),
        );
      // The last job writes its checkpoint just after noting its copy: the head, once it has.
      let checkpoint = await latest();
      for (let i = 0; i < 100 && (typeof checkpoint !== 'object' || checkpoint.seq !== head?.seq); i++) {
        await new Promise((r) => setTimeout(r, 100));
        checkpoint = await latest();
      }
      expect(checkpoint).toMatchObject({ seq: head?.seq, hash: head?.hash });
      const files = readdirSync(folder);
      expect(files.every((f) => !f.endsWith('.tmp'))).toBe(true);
      // Jobs ran side by side and each wrote the day's checkpoint: they once raced for its file.
      expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
