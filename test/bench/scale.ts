// npm run bench -- scale [--people=50000] [--skip-archive]
// Samtale at the size of Oslo kommune, on PostgreSQL: a tenant of 50 000 people in the Graph fake and
// 50 000 conversations. Measured in one run: the first directory sync (a full delta round), one reminder
// sweep with its peak memory (goal ≤ 60 s), HR's figures for the whole organisation (goal ≤ 1 s) and the
// first page of HR's archive, then archive throughput against the RU budget (npm run bench -- archive).
import { randomUUID } from 'node:crypto';
import { botStore } from '../../src/adapters/db/bot-store.ts';
import { openPostgres } from '../../src/adapters/db/database.ts';
import { migrate } from '../../src/adapters/db/migrate.ts';
import { sqlStore } from '../../src/adapters/db/sql-store.ts';
import { cachedDirectory } from '../../src/adapters/directory/cached-directory.ts';
import { directoryCopy, syncedDirectory } from '../../src/adapters/directory/db-directory.ts';
import { graphDirectorySource } from '../../src/adapters/directory/graph-directory.ts';
import { inProcessChangeFeed } from '../../src/adapters/events/in-process.ts';
import { appGraph } from '../../src/adapters/graph/app-graph.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminders.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import type { BotDeps } from '../../src/usecases/bot-support.ts';
import { getCompletion } from '../../src/usecases/get-completion.ts';
import { getFeedbackRound } from '../../src/usecases/get-feedback-round.ts';
import { getRound } from '../../src/usecases/get-round.ts';
import { runRetention } from '../../src/usecases/run-retention.ts';
import { configuredArchive } from '../../src/app.ts';
import { loadConfig } from '../../src/config/schema.ts';
import { listArchive } from '../../src/usecases/list-archive.ts';
import { listUnitPlans } from '../../src/usecases/list-unit-plans.ts';
import { planConversation } from '../../src/usecases/plan-conversation.ts';
import { NO_EVENTS, type Deps } from '../../src/usecases/support.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';
import { syncDirectory } from '../../src/usecases/sync-directory.ts';
import type { FakeUser } from '../fakes/graph.ts';
import { createPostgresDatabase } from '../helpers/backends.ts';
import { SAMTALE_APP, startM365Fakes } from '../helpers/m365.ts';
import { archiveBench } from './archive.ts';
import { numberArg } from './load.ts';

const TID = DEMO_TENANT_ID;
const oid = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
const UNITS = 500;
// One chief, UNITS unit leaders under her, everyone else in a unit under its leader.
const person = (i: number): FakeUser => ({
  id: oid(i),
  displayName: `Ansatt ${i}`,
  userPrincipalName: `ansatt${i}@oslo.example`,
  department: i === 0 ? 'Byrådsavdelingen' : `Enhet ${i % UNITS}`,
  managerId: i === 0 ? null : i <= UNITS ? oid(0) : oid((i % UNITS) + 1),
});
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Peak resident and heap memory while fn runs, sampled every 10 ms. */
async function withPeakMemory<T>(fn: () => Promise<T>): Promise<{ value: T; rss: number; heap: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 10);
  try {
    const value = await fn();
    return { value, rss, heap };
  } finally {
    clearInterval(timer);
  }
}
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/** Each run's milliseconds, fastest first. */
async function timedRuns(fn: () => Promise<unknown>, runs = 5): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  return ms.sort((a, b) => a - b);
}

export async function scaleBench(args: string[]) {
  const people = numberArg(args, 'people', 50_000);
  const database = await createPostgresDatabase();
  const fakes = await startM365Fakes({ directory: Array.from({ length: people }, (_, i) => person(i)) });
  const db = await openPostgres(database.url);
  // A Thursday at 10 in Oslo, ten working days before the round's deadline.
  const now = new Date('2026-12-03T09:00:00Z');
  try {
    await migrate(db);
    const graph = appGraph({
      tenantId: TID,
      ...SAMTALE_APP,
      authorityHost: fakes.entra.url,
      graphUrl: fakes.graph.url,
      logger: createLogger('silent'),
    });
    const source = graphDirectorySource(graph, TID);
    const clock = { now: () => now };
    const deps: Deps = {
      store: sqlStore(db),
      directory: cachedDirectory(syncedDirectory(db, source, clock), clock),
      clock,
      newId: randomUUID,
      templateCache: new Map(),
      changes: inProcessChangeFeed(),
      events: NO_EVENTS,
      schedule: { cadence: 'quarter', holidays: () => new Set<string>() },
    };
    process.stdout.write(
      `scale: ${people} people in ${UNITS} units, PostgreSQL server, Node ${process.version}\n`,
    );

    // 1. The first directory sync: a full delta round from the Graph fake.
    let started = performance.now();
    const synced = await syncDirectory(deps, source, directoryCopy(db));
    if (synced === 'busy') throw new Error('another sync holds the tenant');
    const syncMs = performance.now() - started;
    process.stdout.write(
      `directory sync (first, full round): ${synced.people} people in ${synced.pages} pages, ${seconds(syncMs)} (${((synced.people / syncMs) * 1000).toFixed(0)} people/s; Graph's own pace adds its latency per page)\n`,
    );

    // 2. A conversation for every employee: through the use case once (the template's snapshot), the rest in SQL.
    // (Leader 1 leads unit 0, whose people are the multiples of UNITS; last year's, so this year's is free.)
    const first = await planConversation(
      deps,
      { tid: TID, oid: oid(1), name: 'Leder', upn: '', roles: [] } satisfies Actor,
      { templateKey: 'medarbeidersamtale-10-faktor', employeeOid: oid(2 * UNITS), period: '2025' },
    );
    started = performance.now();
    // Employees are UNITS+1 …; a tenth each planned for Monday, awaiting signatures since a week,
    // or signed with an open item; the rest signed and archived.
    await db.query(
      `insert into conversations (id, tid, template_key, template_version, period, status, leader_oid, employee_oid, unit_id, scheduled_at, created_by, created_at, updated_at, status_changed_at)
       select gen_random_uuid(), $1, c.template_key, c.template_version, '2026',
              case when g % 10 = 0 then 'planned' when g % 10 = 1 then 'awaiting_signatures' when g % 10 in (2,3) then 'signed' else 'archived' end,
              u.manager_oid, u.oid, u.unit_id, case when g % 10 = 0 then '2026-12-07' end, u.manager_oid, now(), now(), timestamptz '2026-11-25'
         from generate_series($3::int, $4::int) g
         join users u on u.tid = $1 and u.oid = '00000000-0000-4000-9000-' || lpad(g::text, 12, '0')
         cross join (select template_key, template_version from conversations where id = $2) c`,
      [TID, first.id, UNITS + 1, people - 1],
    );
    await db.query(
      `insert into action_items (id, conversation_id, field_id, position, cells, owner_oid, due, created_at)
       select gen_random_uuid(), id, 'tiltak', 0, '{}'::jsonb, employee_oid, '2027-06-30', now()
         from conversations where tid = $1 and status = 'signed'`,
      [TID],
    );
    await db.query(
      `insert into archive_copies (conversation_id, part, path, location, checksum, content_hash, archived_at)
       select id, 'record', '2026/medarbeidersamtale-10-faktor/' || id || '.pdf', 'https://sharepoint.example/' || id, 'x', 'x',
              timestamptz '2026-06-01' + (row_number() over (order by id)) * interval '1 minute'
         from conversations where tid = $1 and status = 'archived'`,
      [TID],
    );
    // Everyone has the app (a chat the bot can reach).
    await db.query(
      `insert into chat_references (tid, oid, conversation_id, service_url, bot_id, user_id, channel_id, installed_at)
       select tid, oid, 'a:' || oid, 'https://smba.example/', '28:bot', '29:' || oid, 'msteams', now() from users where tid = $1`,
      [TID],
    );
    await db.exec('analyze');
    const [{ n: conversations } = { n: 0 }] = await db.query<{ n: number }>(
      'select count(*)::int as n from conversations where tid = $1',
      [TID],
    );
    process.stdout.write(
      `stored: ${conversations} conversations (${seconds(performance.now() - started)} to write)\n`,
    );

    // Every unit leader is assessed in a kontraktsamtale with the chief. The first, before any round
    // exists, shows whom a round may ask (its ~100 reports and 499 leaders beside it); then every one of
    // them asks its whole unit for feedback, so the sweep below asks 49 500 people as well.
    const chief: Actor = { tid: TID, oid: oid(0), name: 'Byrådsleder', upn: '', roles: [] };
    const contract = await planConversation(deps, chief, {
      templateKey: 'kontraktsamtale',
      employeeOid: oid(1),
      period: '2026',
    });
    await db.query(
      `insert into conversations (id, tid, template_key, template_version, period, status, leader_oid, employee_oid, unit_id, scheduled_at, created_by, created_at, updated_at, status_changed_at)
       select gen_random_uuid(), $1, c.template_key, c.template_version, '2026', 'planned', $3, u.oid, u.unit_id, '2026-12-17', $3, now(), now(), now()
         from users u cross join (select template_key, template_version from conversations where id = $2) c
        where u.tid = $1 and u.manager_oid = $3 and u.oid <> $4`,
      [TID, contract.id, oid(0), oid(1)],
    );
    const leader1: Actor = { tid: TID, oid: oid(1), name: 'Leder', upn: '', roles: [] };
    const view = await timedRuns(() => getFeedbackRound(deps, leader1, contract.id), 3);
    const offered = await getFeedbackRound(deps, leader1, contract.id);
    process.stdout.write(
      `feedback round, whom it may ask (${offered.candidates.filter((c) => c.relation === 'report').length} reports, ${offered.candidates.filter((c) => c.relation === 'peer').length} peer leaders): median ${view[1]!.toFixed(0)} ms, worst ${view[2]!.toFixed(0)} ms = ${((view[2]! / 1000) * 100).toFixed(1)} % of the 1 s goal\n`,
    );
    await db.query(
      `insert into feedback_rounds (id, tid, conversation_id, template_key, statements, opened_by, opened_at, closes_on)
       select gen_random_uuid(), tid, id, template_key, array['mission','trust','roles','cooperation','competence'],
              employee_oid, now(), '2026-12-11'
         from conversations where tid = $1 and template_key = 'kontraktsamtale'`,
      [TID],
    );
    await db.query(
      `insert into feedback_invitations (round_id, oid, relation)
       select r.id, u.oid, 'report' from feedback_rounds r
         join conversations c on c.id = r.conversation_id
         join users u on u.tid = c.tid and u.manager_oid = c.employee_oid
        where r.tid = $1`,
      [TID],
    );
    const [counted = { rounds: 0, asked: 0 }] = await db.query<{ rounds: number; asked: number }>(
      `select (select count(*)::int from feedback_rounds) as rounds,
              (select count(*)::int from feedback_invitations) as asked`,
      [],
    );
    process.stdout.write(`feedback: ${counted.rounds} rounds asking ${counted.asked} people\n`);

    // 3. One reminder sweep, with an HR round over everyone who has a leader, due on 15 December, so
    // unplanned reports are counted too, and the feedback rounds' first messages.
    const roundId = randomUUID();
    await db.query(
      `insert into rounds (id, tid, template_key, period, deadline, unit_ids, created_by, created_at)
       values ($1, $2, 'medarbeidersamtale-10-faktor', '2026', '2026-12-15', array(select id from units where tid = $2), 'bench', now())`,
      [roundId, TID],
    );
    await db.query(
      'insert into round_people (round_id, oid) select $1, oid from users where tid = $2 and manager_oid is not null',
      [roundId, TID],
    );
    const bot: BotDeps = {
      store: botStore(db),
      sender: { send: () => Promise.reject(new Error('the sweep only records; nothing is sent here')) },
      settings: DEFAULT_REMINDER_SETTINGS,
      holidays: () => new Set<string>(),
      installer: null,
      renderReminder: () => {
        throw new Error('not rendered in the sweep');
      },
    };
    // The process also holds the Graph fake's 50 000 people: the baseline shows what the sweep adds.
    const before = process.memoryUsage();
    started = performance.now();
    const sweep = await withPeakMemory(() => sweepReminders(deps, bot));
    const sweepMs = performance.now() - started;
    const [{ n: feedbackAsked } = { n: 0 }] = await db.query<{ n: number }>(
      "select count(*)::int as n from outbox_keys where key like 'feedback-input:%'",
      [],
    );
    process.stdout.write(
      `reminder sweep: ${sweep.value.length} bundles (${feedbackAsked} of them asking for feedback) recorded in ${seconds(sweepMs)} = ${((sweepMs / 60_000) * 100).toFixed(1)} % of the 60 s goal; peak memory rss ${mb(sweep.rss)}, heap ${mb(sweep.heap)} (before the sweep: rss ${mb(before.rss)}, heap ${mb(before.heapUsed)})\n`,
    );

    // 4. HR's figures for the whole organisation, and the first page of the archive.
    const hr: Actor = { tid: TID, oid: oid(0), name: 'HR', upn: '', roles: ['HR', 'HR.Salary'] };
    const timed = timedRuns;
    const figures = await timed(() => getCompletion(deps, hr, '2026'));
    const rows = (await getCompletion(deps, hr, '2026')).rows;
    process.stdout.write(
      `HR figures (${rows.length} unit rows over ${conversations} conversations): median ${figures[2]!.toFixed(0)} ms, worst ${figures[4]!.toFixed(0)} ms = ${((figures[4]! / 1000) * 100).toFixed(1)} % of the 1 s goal\n`,
    );
    // The plan pages read the whole organisation: once per directory cache period, then kept.
    let began = performance.now();
    await listUnitPlans(deps, hr, 2026);
    const cold = performance.now() - began;
    began = performance.now();
    await listUnitPlans(deps, hr, 2026);
    process.stdout.write(
      `HR's unit plans over an organisation of ${people}: ${cold.toFixed(0)} ms reading it, ${(performance.now() - began).toFixed(0)} ms after\n`,
    );
    // The round's coverage: everyone in scope, per unit, with each person's stage.
    const coverage = await timed(() => getRound(deps, hr, roundId), 3);
    const round = await getRound(deps, hr, roundId);
    process.stdout.write(
      `HR round coverage (${round.round.inScope} people in scope, ${round.units.length} units): median ${coverage[1]!.toFixed(0)} ms, worst ${coverage[2]!.toFixed(0)} ms = ${((coverage[2]! / 1000) * 100).toFixed(1)} % of the 1 s goal\n`,
    );
    const archiving = { ...deps, retentionYears: 10 };
    const archivePage = await timed(() => listArchive(archiving, hr, {}));
    const listing = await listArchive(archiving, hr, {});
    process.stdout.write(
      `HR archive, first page of ${listing.total} copies: median ${archivePage[2]!.toFixed(0)} ms\n`,
    );
    // Kassasjon ten years on: which of the archived records are due, and which HR holds (a dry run
    // reads what a real run deletes; the deleting itself is the archive's work, measured by its bench).
    const later = { ...deps, clock: { now: () => new Date('2036-12-03T03:00:00Z') } };
    await db.query(
      `insert into retention_holds (conversation_id, tid, reason, placed_by, placed_at)
       select conversation_id, $1, 'Sak under behandling', 'bench', now() from archive_copies order by conversation_id limit 100`,
      [TID],
    );
    began = performance.now();
    const due = await runRetention(
      { ...later, archive: configuredArchive(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent')) },
      { retentionYears: 10, preparationDays: 30, dryRun: true },
    );
    const dueMs = performance.now() - began;
    process.stdout.write(
      `retention dry run ten years on: ${due.disposed.length} records due, ${due.held.length} held, in ${seconds(dueMs)}\n`,
    );
  } finally {
    await db.close();
    await fakes.close();
    await database.drop();
  }
  // 5. Archive throughput against SharePoint's budget, as its own scenario measures it.
  if (!args.includes('--skip-archive')) {
    process.stdout.write('\n');
    await archiveBench(['--windows=1']);
  }
}
