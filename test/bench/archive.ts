// npm run bench -- archive [--budget=1200] [--window=60] [--windows=2] [--records=N]
// Archiving against the Graph fake at a set SharePoint resource-unit budget: copies archived per
// window as a share of the budget-bound maximum (budget / the 4 RU one copy needs at best), RU spent
// per copy, lost and duplicate copies, and the median time to render one PDF.
import { inProcessChangeFeed } from '../../src/adapters/events/in-process.ts';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../../src/adapters/db/database.ts';
import { dbDirectory } from '../../src/adapters/directory/db-directory.ts';
import { sqlStore } from '../../src/adapters/db/sql-store.ts';
import { renderRecordPdf } from '../../src/adapters/pdf/render-record.ts';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import { AUDIT_CHECKPOINT_FOLDER } from '../../src/domain/audit.ts';
import { prepareArchiveCopy } from '../../src/usecases/prepare-archive-copy.ts';
import { NO_EVENTS } from '../../src/usecases/support.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { callerFor, conversationAt, path } from '../helpers/factory.ts';
import { startServerProcess } from '../helpers/process.ts';
import { RECORD_LIBRARY, SALARY_LIBRARY, startSharePointFakes } from '../helpers/sharepoint.ts';
import { numberArg } from './load.ts';

/** Upload 2 + fields 2 (no permission calls): the least one copy can cost. */
const MIN_RU_PER_COPY = 4;

export async function archiveBench(args: string[]) {
  const budget = numberArg(args, 'budget', 1200);
  const windowSeconds = numberArg(args, 'window', 60);
  const windows = numberArg(args, 'windows', 2);
  const bound = Math.floor((budget * windows) / MIN_RU_PER_COPY);
  // More signed records than the budget can take, so the archiver never runs dry.
  const records = numberArg(args, 'records', Math.ceil(bound * 1.25));
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-bench-archive-'));
  const fakes = await startSharePointFakes({
    budget: { resourceUnits: budget, windowMs: windowSeconds * 1000 },
  });
  await fakes.provision();
  fakes.graph.stats.windowStart = fakes.graph.stats.firstWindowStart = 0;
  fakes.graph.stats.resourceUnits = 0;
  // Nothing reaches SharePoint until every record is signed: the archiver meets a full backlog.
  fakes.graph.hold();
  let child: ChildProcess | undefined;
  try {
    process.stdout.write(
      `archive: ${budget} RU per ${windowSeconds} s window, ${windows} windows; ${records} records signed; bound ${bound} copies (${MIN_RU_PER_COPY} RU each)\n`,
    );
    const server = await startServerProcess(dataDir, { ...fakes.env, NODE_EXTRA_CA_CERTS: fakes.certFile });
    child = server.child;
    const caller = callerFor(server.url);
    for (let i = 0; i < records; i++)
      await conversationAt(caller, 'signed', {
        employee: i % 2 ? DEMO.per : DEMO.silje,
        period: String(3000 + i),
        record: [{ fieldId: 'struktur-1', value: `Referat ${i} ${randomUUID()}` }],
      });
    fakes.graph.release();

    // Measure whole windows from the first charged request.
    while (fakes.graph.stats.firstWindowStart === 0) await new Promise((r) => setTimeout(r, 20));
    const t0 = fakes.graph.stats.firstWindowStart;
    const end = t0 + windows * windowSeconds * 1000;
    for (let w = 1; w <= windows; w++) {
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + w * windowSeconds * 1000 - Date.now())));
      const done = [...fakes.graph.items.values()].filter(
        (i) => i.completedAt !== null && i.completedAt < t0 + w * windowSeconds * 1000,
      ).length;
      process.stdout.write(
        `  window ${w}: ${done} copies archived so far (${fakes.graph.stats.throttled} requests throttled)\n`,
      );
    }
    const inWindows = [...fakes.graph.items.values()].filter(
      (i) => i.completedAt !== null && i.completedAt < end,
    ).length;

    // Let the rest finish, then count: every signed record archived, each copy once.
    const lars = await caller(DEMO.lars);
    let listing: ResponseOf<'listArchive'> | undefined;
    for (const deadline = Date.now() + 20 * windowSeconds * 1000 + 60_000; Date.now() < deadline;) {
      listing = (await lars<ResponseOf<'listArchive'>>('GET', path('listArchive'))).body;
      if (listing.total >= records + 4) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    // The list's first page: the newest copies, whose PDFs are rendered again below.
    const entries = listing?.entries ?? [];
    const items = [...fakes.graph.items.values()];
    const lost = records + 4 - (listing?.total ?? 0);
    // A path holds one item per library, so a copy archived twice shows as a second write to it. (The
    // library also holds the plans' copies and the audit checkpoints, which are not records.)
    const duplicates = items.filter(
      (i) => i.writes > 1 && !i.path.startsWith(`${AUDIT_CHECKPOINT_FOLDER}/`),
    ).length;
    const ruPerCopy = fakes.graph.stats.resourceUnits / items.length;
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;

    // The median time to render one PDF, on the same records (server stopped, database reopened).
    const db = await openPglite(join(dataDir, 'db'));
    const deps = {
      store: sqlStore(db),
      directory: dbDirectory(db),
      clock: { now: () => new Date() },
      newId: randomUUID,
      templateCache: new Map(),
      changes: inProcessChangeFeed(),
      events: NO_EVENTS,
      schedule: { cadence: 'quarter' as const, holidays: () => new Set<string>() },
    };
    const times: number[] = [];
    for (const e of entries.slice(0, 40)) {
      for (const copy of await prepareArchiveCopy(deps, e.conversationId)) {
        const start = performance.now();
        await renderRecordPdf(copy);
        times.push(performance.now() - start);
      }
    }
    await db.close();
    times.sort((a, b) => a - b);

    const share = inWindows / bound;
    process.stdout.write(
      `\narchived in ${windows} windows: ${inWindows} copies = ${(share * 100).toFixed(1)} % of the budget-bound ${bound} (goal ≥ 95 %)\n`,
    );
    process.stdout.write(
      `rate: ${((inWindows / (windows * windowSeconds)) * 60).toFixed(1)} copies/min at ${((budget / windowSeconds) * 60).toFixed(0)} RU/min\n`,
    );
    process.stdout.write(
      `resource units: ${ruPerCopy.toFixed(2)} RU per copy over ${items.length} copies (goal ≤ 4), ${fakes.graph.stats.throttled} requests throttled\n`,
    );
    process.stdout.write(
      `unique permission scopes: ${fakes.graph.uniqueScopes(RECORD_LIBRARY) + fakes.graph.uniqueScopes(SALARY_LIBRARY)} (goal 0)\n`,
    );
    process.stdout.write(`lost: ${lost}   duplicates: ${duplicates}\n`);
    process.stdout.write(
      `PDF render: median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms over ${times.length} copies\n`,
    );
  } finally {
    child?.kill('SIGKILL');
    await fakes.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
