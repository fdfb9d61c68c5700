import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { callerFor, conversationAt, path, type Caller } from '../helpers/factory.ts';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import { startServerProcess } from '../helpers/process.ts';
import { startSharePointFakes, type SharePointFakes } from '../helpers/sharepoint.ts';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? files(join(dir, n)).map((f) => `${n}/${f}`) : [n],
  );
}

describe.each(['local folder', 'SharePoint'] as const)(
  'killing the server mid-archive (a real SIGKILL) and restarting it: %s archive',
  (kind) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'samtale-crash-'));
    const children: ChildProcess[] = [];
    let fakes: SharePointFakes | undefined;
    afterAll(async () => {
      for (const c of children) c.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      await fakes?.close();
    });
    const start = async (dir: string) => {
      if (kind === 'local folder') return startServerProcess(dir);
      if (!fakes) {
        fakes = await startSharePointFakes();
        await fakes.provision();
      }
      return startServerProcess(dir, { ...fakes.env, NODE_EXTRA_CA_CERTS: fakes.certFile });
    };

    it(
      'archives every record exactly once: one file per part, no leftovers',
      { timeout: 180_000 },
      async () => {
        const a = await start(dataDir);
        children.push(a.child);
        const caller = callerFor(a.url);
        const archive = async (c: Caller) =>
          (await (await c(DEMO.lars))<ResponseOf<'listArchive'>>('GET', path('listArchive'))).body;
        const archivedCount = async (c: Caller) => (await archive(c)).entries.length;

        // 30 records signed at once, ten at a time, so signing outruns archiving: the worker is busy
        // archiving when the process dies (one at a time, the archiver could finish before the kill).
        const ids: string[] = [];
        for (let batch = 0; batch < 3; batch++)
          ids.push(
            ...(
              await Promise.all(
                Array.from({ length: 10 }, (_, j) => batch * 10 + j).map((i) =>
                  conversationAt(caller, 'signed', {
                    employee: i % 2 ? DEMO.per : DEMO.silje,
                    period: String(2200 + i),
                    record: [{ fieldId: 'struktur-1', value: `Referat nummer ${i}.` }],
                  }),
                ),
              )
            ).map((made) => made.id),
          );
        // Wait until archiving is under way, then kill without warning.
        for (let i = 0; i < 300 && (await archivedCount(caller)) < 8; i++)
          await new Promise((r) => setTimeout(r, 50));
        const before = await archivedCount(caller);
        a.child.kill('SIGKILL');
        await new Promise((r) => a.child.once('exit', r));
        expect(before).toBeGreaterThanOrEqual(4);
        expect(before).toBeLessThan(4 + ids.length);

        // The restart's catch-up sweep finishes the job.
        const b = await start(dataDir);
        children.push(b.child);
        const callerB = callerFor(b.url);
        let listing: ResponseOf<'listArchive'> = { entries: [], total: 0, next: null, years: [], units: [] };
        // Jobs the killed process held miss their heartbeat (10 s) and run again; allow for that.
        for (let i = 0; i < 900; i++) {
          listing = await archive(callerB);
          if (listing.entries.length >= 4 + ids.length) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const mine = listing.entries.filter((e) => ids.includes(e.conversationId));
        expect(mine).toHaveLength(ids.length);
        expect(new Set(mine.map((e) => e.conversationId)).size).toBe(ids.length);

        const storedNow = () =>
          kind === 'local folder'
            ? files(join(dataDir, 'archive'))
            : [...fakes!.graph.items.values()].map((i) => i.path);
        // The demo units' plans are archived beside the records, by the same sweep: last year's five
        // as adopted and with their year report, this year's five as adopted. A copy the kill cut
        // short is written again, over its temp file.
        const planCopies = (paths: string[]) =>
          paths.filter((f) => f.includes('/virksomhetsplan/') && f.endsWith('.pdf'));
        let stored = storedNow();
        for (
          let i = 0;
          i < 600 && (planCopies(stored).length < 15 || stored.some((f) => f.endsWith('.tmp')));
          i++
        ) {
          await new Promise((r) => setTimeout(r, 100));
          stored = storedNow();
        }
        expect(planCopies(stored)).toHaveLength(15);
        const pdfs = stored.filter((f) => f.endsWith('.pdf') && !f.includes('/virksomhetsplan/'));
        expect(pdfs).toHaveLength(4 + ids.length);
        for (const id of ids) expect(pdfs.filter((f) => f.includes(id.slice(0, 8)))).toHaveLength(1);
        expect(stored.filter((f) => f.endsWith('.tmp'))).toEqual([]);
        b.child.kill('SIGTERM');
        await new Promise((r) => b.child.once('exit', r));
      },
    );
  },
);
