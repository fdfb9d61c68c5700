// npm run bench -- cycle [--units=300] [--goals=6000] [--runs=20]
// The unit plans' year at a municipality's size: units in a tree (one top, sectors, units below),
// 20 people and goals/units goals per unit, each goal serving one of the plan's above. Measured in one
// run: the red thread for the top leader (goal: p95 ≤ 300 ms) and the reminder sweep that works out the
// quarter's prompts on the first day of the report window (goal ≤ 5 s), each as a ratio of its goal.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { botStore } from '../../src/adapters/db/bot-store.ts';
import { openPglite } from '../../src/adapters/db/database.ts';
import { migrate } from '../../src/adapters/db/migrate.ts';
import { sqlStore } from '../../src/adapters/db/sql-store.ts';
import { cachedDirectory } from '../../src/adapters/directory/cached-directory.ts';
import { dbDirectory, upsertDirectory } from '../../src/adapters/directory/db-directory.ts';
import { inProcessChangeFeed } from '../../src/adapters/events/in-process.ts';
import { reportWindows } from '../../src/domain/plan-reminders.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminders.ts';
import type { Actor } from '../../src/domain/policy.ts';
import type { DirectoryUser, Unit } from '../../src/ports.ts';
import { getRedThread } from '../../src/usecases/get-red-thread.ts';
import { NO_EVENTS, type Deps } from '../../src/usecases/support.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';
import { numberArg } from './load.ts';

const TID = 'bench-tenant';
const YEAR = 2027;
const oid = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1] ?? 0;

export async function cycleBench(args: string[]) {
  const unitCount = numberArg(args, 'units', 300);
  const goalCount = numberArg(args, 'goals', 6000);
  const runs = numberArg(args, 'runs', 20);
  const dir = mkdtempSync(join(tmpdir(), 'samtale-bench-cycle-'));
  const db = await openPglite(join(dir, 'db'));
  try {
    await migrate(db);
    // The organisation: a top unit, sectors of ten units, 20 people a unit (its first person leads it).
    const units: Unit[] = [{ id: 'u0', name: 'Kommunen', parentId: null }];
    for (let i = 1; i < unitCount; i++)
      units.push({ id: `u${i}`, name: `Enhet ${i}`, parentId: i <= 10 ? 'u0' : `u${1 + ((i - 11) % 10)}` });
    const users: Omit<DirectoryUser, 'tid'>[] = [];
    const leaderOf = (u: number) => oid(u * 20);
    for (let u = 0; u < unitCount; u++) {
      const parent = units[u]!.parentId;
      for (let p = 0; p < 20; p++)
        users.push({
          oid: oid(u * 20 + p),
          name: `Person ${u}-${p}`,
          upn: `p${u}-${p}@bench.example`,
          unitId: `u${u}`,
          managerOid: p === 0 ? (parent ? leaderOf(Number(parent.slice(1))) : null) : leaderOf(u),
          roles: [],
        });
    }
    await upsertDirectory(db, TID, units, users);
    const store = sqlStore(db);
    const now = { at: new Date(`${YEAR}-02-01T10:00:00Z`) };
    const deps: Deps = {
      store,
      // As the service reads it: through the bounded-age cache.
      directory: cachedDirectory(dbDirectory(db), { now: () => now.at }),
      clock: { now: () => now.at },
      newId: randomUUID,
      templateCache: new Map(),
      changes: inProcessChangeFeed(),
      events: NO_EVENTS,
      schedule: { cadence: 'quarter' as const, holidays: () => new Set<string>() },
    };
    // The plans, adopted; every goal serves one of the plan's above.
    const perUnit = Math.max(1, Math.round(goalCount / unitCount));
    const goalsOf = new Map<string, string[]>();
    const started = Date.now();
    for (const unit of units) {
      const planId = randomUUID();
      const at = new Date().toISOString();
      await store.plans.insertPlan({
        id: planId,
        tid: TID,
        unitId: unit.id,
        year: YEAR,
        status: 'adopted',
        templateVersion: 'bench',
        answers: {},
        version: 0,
        createdBy: leaderOf(0),
        createdAt: at,
        updatedAt: at,
        adoptedAt: at,
        adoptedBy: leaderOf(0),
      });
      const above = unit.parentId ? (goalsOf.get(unit.parentId) ?? []) : [];
      const ids: string[] = [];
      const u = Number(unit.id.slice(1));
      for (let g = 0; g < perUnit; g++) {
        const id = randomUUID();
        ids.push(id);
        await store.plans.insertGoal({
          id,
          planId,
          position: 0,
          goal: `Mål ${g + 1} for ${unit.name}`,
          indicator: 'Andel, prosent',
          baseline: 50,
          target: 80,
          actions: 'Tiltak',
          ownerOid: oid(u * 20 + 1 + (g % 19)),
          due: `${YEAR}-12-31`,
          servesGoalId: above.length ? (above[g % above.length] ?? null) : null,
          carriedFromId: null,
          fromKompass: null,
          outcome: null,
          version: 0,
          removedAt: null,
        });
      }
      goalsOf.set(unit.id, ids);
    }
    const goals = [...goalsOf.values()].reduce((n, ids) => n + ids.length, 0);
    process.stdout.write(
      `cycle: ${units.length} units, ${users.length} people, ${goals} goals (set up in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );

    const top: Actor = {
      tid: TID,
      oid: leaderOf(0),
      name: 'Person 0-0',
      upn: 'p0-0@bench.example',
      roles: [],
    };
    const times: number[] = [];
    let shown = 0;
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const thread = await getRedThread(deps, top, YEAR);
      // The first two warm the caches, as a running service has.
      if (i >= 2) times.push(performance.now() - t0);
      shown = thread.goals.length;
    }
    const p95 = percentile(times, 95);
    process.stdout.write(
      `red thread for the top leader: ${shown} goals; median ${percentile(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${times.length} runs; goal 300 ms: ratio ${(p95 / 300).toFixed(2)}\n`,
    );

    // The first day of the first quarter's report window, inside the sending hours.
    const holidays = new Set<string>();
    const opens = reportWindows(YEAR, 'quarter', holidays)[0]!.opens;
    now.at = new Date(`${opens}T10:00:00Z`);
    const bot = {
      store: botStore(db),
      sender: { send: () => Promise.resolve('unused') },
      settings: { ...DEFAULT_REMINDER_SETTINGS, cycleDeadlineMonthDay: null },
      holidays: () => holidays,
      installer: null,
      renderReminder: () => ({
        summary: '',
        card: { type: 'AdaptiveCard' as const, version: '1.5' as const, body: [] },
      }),
    };
    const t0 = performance.now();
    await sweepReminders(deps, bot);
    const sweep = performance.now() - t0;
    process.stdout.write(
      `the quarter's prompts (reminder sweep, ${goals} goals due): ${(sweep / 1000).toFixed(2)} s; goal 5 s: ratio ${(sweep / 5000).toFixed(2)}\n`,
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
