// The SQL of units' plans (migration 007): plans, goals, the staff's contributions and the goals'
// follow-up reports. Part of the store, so a plan's writes share its transaction and audit trail.
import type {
  Contribution,
  GoalOutcome,
  GoalReport,
  GoalStatus,
  PlanGoal,
  PlanStatus,
  UnitPlan,
} from '../../domain/unit-plan.ts';
import type { PlanArchiveCopy, PlanCopyKind, PlanStore } from '../../ports.ts';
import type { Sql } from './database.ts';
import { iso, isoOrNull } from './sql-store.ts';

interface PlanRow {
  id: string;
  tid: string;
  unit_id: string;
  year: number;
  status: PlanStatus;
  template_version: string;
  answers: Record<string, unknown>;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  adopted_at: Date | null;
  adopted_by: string | null;
}
const toPlan = (r: PlanRow): UnitPlan => ({
  id: r.id,
  tid: r.tid,
  unitId: r.unit_id,
  year: r.year,
  status: r.status,
  templateVersion: r.template_version,
  answers: r.answers,
  version: r.version,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  adoptedAt: isoOrNull(r.adopted_at),
  adoptedBy: r.adopted_by,
});

interface GoalRow {
  id: string;
  plan_id: string;
  position: number;
  goal: string;
  indicator: string | null;
  baseline: number | null;
  target: number | null;
  actions: string | null;
  owner_oid: string | null;
  due: string | null;
  serves_goal_id: string | null;
  carried_from_id: string | null;
  kompass_round_id: string | null;
  kompass_area: number | null;
  outcome: GoalOutcome | null;
  version: number;
  removed_at: Date | null;
}
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const toGoal = (r: GoalRow): PlanGoal => ({
  id: r.id,
  planId: r.plan_id,
  position: r.position,
  goal: r.goal,
  indicator: r.indicator,
  baseline: num(r.baseline),
  target: num(r.target),
  actions: r.actions,
  ownerOid: r.owner_oid,
  due: r.due,
  servesGoalId: r.serves_goal_id,
  carriedFromId: r.carried_from_id,
  fromKompass:
    r.kompass_round_id && r.kompass_area !== null
      ? { roundId: r.kompass_round_id, area: r.kompass_area }
      : null,
  outcome: r.outcome,
  version: r.version,
  removedAt: isoOrNull(r.removed_at),
});

interface ContributionRow {
  id: string;
  plan_id: string;
  goal_id: string | null;
  kind: Contribution['kind'];
  author_oid: string;
  text: string;
  created_at: Date;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  taken_into: string | null;
}
const toContribution = (r: ContributionRow): Contribution => ({
  id: r.id,
  planId: r.plan_id,
  goalId: r.goal_id,
  kind: r.kind,
  authorOid: r.author_oid,
  text: r.text,
  createdAt: iso(r.created_at),
  answer: r.answer,
  answeredBy: r.answered_by,
  answeredAt: isoOrNull(r.answered_at),
  takenInto: r.taken_into,
});

interface ReportRow {
  goal_id: string;
  period: string;
  status: GoalStatus;
  measured: number | null;
  comment: string | null;
  by_oid: string;
  at: Date;
}
const toReport = (r: ReportRow): GoalReport => ({
  goalId: r.goal_id,
  period: r.period,
  status: r.status,
  measured: num(r.measured),
  comment: r.comment,
  byOid: r.by_oid,
  at: iso(r.at),
});

const GOAL_COLUMNS =
  'goal, indicator, baseline, target, actions, owner_oid, due, serves_goal_id, carried_from_id, outcome, kompass_round_id, kompass_area';
const goalValues = (g: PlanGoal) => [
  g.goal,
  g.indicator,
  g.baseline,
  g.target,
  g.actions,
  g.ownerOid,
  g.due,
  g.servesGoalId,
  g.carriedFromId,
  g.outcome,
  g.fromKompass?.roundId ?? null,
  g.fromKompass?.area ?? null,
];

export function planQueries(q: Sql): PlanStore {
  const one = async <T extends object>(text: string, params: readonly unknown[]) =>
    (await q.query<T>(text, params))[0];
  return {
    async insertPlan(p) {
      const rows = await q.query<{ id: string }>(
        `insert into unit_plans (id, tid, unit_id, year, status, template_version, answers, version, created_by, created_at, updated_at)
         values ($1,$2,$3,$4,$5,$6,$7,0,$8,$9,$9)
         on conflict (tid, unit_id, year) do nothing returning id`,
        [
          p.id,
          p.tid,
          p.unitId,
          p.year,
          p.status,
          p.templateVersion,
          JSON.stringify(p.answers),
          p.createdBy,
          p.createdAt,
        ],
      );
      return rows.length === 1 ? 'ok' : 'exists';
    },
    async plan(id, opts) {
      const r = await one<PlanRow>(
        `select * from unit_plans where id = $1${opts?.forUpdate ? ' for update' : ''}`,
        [id],
      );
      return r ? toPlan(r) : undefined;
    },
    async planFor(tid, unitId, year) {
      const r = await one<PlanRow>('select * from unit_plans where tid = $1 and unit_id = $2 and year = $3', [
        tid,
        unitId,
        year,
      ]);
      return r ? toPlan(r) : undefined;
    },
    async plansIn(tid, years) {
      return (
        await q.query<PlanRow>(
          'select * from unit_plans where tid = $1 and year = any($2::int[]) order by year, unit_id',
          [tid, years],
        )
      ).map(toPlan);
    },
    async updatePlan(id, change, baseVersion) {
      const r = await one<PlanRow>(
        `update unit_plans set status = coalesce($3, status), answers = coalesce($4::jsonb, answers),
                adopted_at = coalesce($5, adopted_at), adopted_by = coalesce($6, adopted_by),
                updated_at = $7, version = version + 1
          where id = $1 and version = $2 returning *`,
        [
          id,
          baseVersion,
          change.status ?? null,
          change.answers ? JSON.stringify(change.answers) : null,
          change.adoptedAt ?? null,
          change.adoptedBy ?? null,
          change.at,
        ],
      );
      return r ? toPlan(r) : undefined;
    },
    async goals(planIds) {
      if (planIds.length === 0) return [];
      return (
        await q.query<GoalRow>(
          'select * from plan_goals where plan_id = any($1::uuid[]) order by plan_id, position',
          [planIds],
        )
      ).map(toGoal);
    },
    async threadGoals(planIds) {
      if (planIds.length === 0) return [];
      const rows = await q.query<{
        id: string;
        plan_id: string;
        position: number;
        goal: string;
        owner_oid: string | null;
        serves_goal_id: string | null;
      }>(
        `select id, plan_id, position, goal, owner_oid, serves_goal_id from plan_goals
          where plan_id = any($1::uuid[]) and removed_at is null`,
        [planIds],
      );
      return rows.map((r) => ({
        id: r.id,
        planId: r.plan_id,
        position: r.position,
        goal: r.goal,
        ownerOid: r.owner_oid,
        servesGoalId: r.serves_goal_id,
      }));
    },
    async goal(id, opts) {
      const r = await one<GoalRow>(
        `select * from plan_goals where id = $1${opts?.forUpdate ? ' for update' : ''}`,
        [id],
      );
      return r ? toGoal(r) : undefined;
    },
    async goalsById(ids) {
      if (ids.length === 0) return [];
      return (await q.query<GoalRow>('select * from plan_goals where id = any($1::uuid[])', [ids])).map(
        toGoal,
      );
    },
    async insertGoal(g) {
      await q.query(
        `insert into plan_goals (id, plan_id, position, ${GOAL_COLUMNS}, version)
         values ($1,$2,(select coalesce(max(position), 0) + 1 from plan_goals where plan_id = $2),$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,0)`,
        [g.id, g.planId, ...goalValues(g)],
      );
    },
    async updateGoal(g, baseVersion) {
      const r = await one<GoalRow>(
        `update plan_goals set goal = $3, indicator = $4, baseline = $5, target = $6, actions = $7, owner_oid = $8,
                due = $9, serves_goal_id = $10, carried_from_id = $11, outcome = $12, kompass_round_id = $13,
                kompass_area = $14, removed_at = $15,
                version = version + 1
          where id = $1 and version = $2 returning *`,
        [g.id, baseVersion, ...goalValues(g), g.removedAt],
      );
      return r ? toGoal(r) : undefined;
    },
    async contributions(planId) {
      return (
        await q.query<ContributionRow>(
          'select * from plan_contributions where plan_id = $1 order by created_at, id',
          [planId],
        )
      ).map(toContribution);
    },
    async contribution(id) {
      const r = await one<ContributionRow>('select * from plan_contributions where id = $1', [id]);
      return r ? toContribution(r) : undefined;
    },
    async insertContribution(c) {
      await q.query(
        `insert into plan_contributions (id, plan_id, goal_id, kind, author_oid, text, created_at)
         values ($1,$2,$3,$4,$5,$6,$7)`,
        [c.id, c.planId, c.goalId, c.kind, c.authorOid, c.text, c.createdAt],
      );
    },
    async answerContribution(a) {
      const r = await one<ContributionRow>(
        `update plan_contributions set answer = $2, answered_by = $3, answered_at = $4, taken_into = $5
          where id = $1 and answered_at is null returning *`,
        [a.id, a.answer, a.by, a.at, a.takenInto],
      );
      return r ? toContribution(r) : undefined;
    },
    async reports(goalIds) {
      if (goalIds.length === 0) return [];
      return (
        await q.query<ReportRow>(
          'select * from goal_reports where goal_id = any($1::uuid[]) order by goal_id, period',
          [goalIds],
        )
      ).map(toReport);
    },
    async goalsOwnedBy(tid, oid, years) {
      const rows = await q.query<GoalRow & { p: PlanRow }>(
        `select g.*, to_jsonb(p) as p from plan_goals g join unit_plans p on p.id = g.plan_id
          where p.tid = $1 and g.owner_oid = $2 and p.year = any($3::int[]) and g.removed_at is null
            and p.status in ('adopted','reporting')
          order by p.year, p.unit_id, g.position`,
        [tid, oid, years],
      );
      return rows.map((r) => ({ goal: toGoal(r), plan: toPlan(r.p) }));
    },
    async plansAt(years, statuses) {
      return (
        await q.query<PlanRow>(
          'select * from unit_plans where year = any($1::int[]) and status = any($2::text[]) order by tid, year, unit_id',
          [years, statuses],
        )
      ).map(toPlan);
    },
    async followUpState(years) {
      const rows = await q.query<{
        tid: string;
        plan_id: string;
        year: number;
        unit_id: string;
        goal_id: string;
        owner_oid: string;
        reported: string[] | null;
      }>(
        `select p.tid, p.id as plan_id, p.year, p.unit_id, g.id as goal_id, g.owner_oid,
                (select array_agg(r.period) from goal_reports r where r.goal_id = g.id) as reported
           from unit_plans p join plan_goals g on g.plan_id = p.id
          where p.status in ('adopted','reporting') and p.year = any($1::int[])
            and g.removed_at is null and g.owner_oid is not null
          order by p.id, g.position`,
        [years],
      );
      return rows.map((r) => ({
        tid: r.tid,
        planId: r.plan_id,
        year: r.year,
        unitId: r.unit_id,
        goalId: r.goal_id,
        ownerOid: r.owner_oid,
        reported: r.reported ?? [],
      }));
    },
    async archiveCopies(planId) {
      const rows = await q.query<{
        plan_id: string;
        kind: PlanCopyKind;
        path: string;
        location: string;
        checksum: string;
        archived_at: Date;
        metadata_checksum: string;
      }>('select * from plan_archive_copies where plan_id = $1 order by kind', [planId]);
      return rows.map((r): PlanArchiveCopy => ({
        planId: r.plan_id,
        kind: r.kind,
        path: r.path,
        location: r.location,
        checksum: r.checksum,
        archivedAt: iso(r.archived_at),
        metadataChecksum: r.metadata_checksum,
      }));
    },
    async recordArchiveCopy(r) {
      await q.query(
        `insert into plan_archive_copies (plan_id, kind, path, location, checksum, archived_at, metadata_checksum)
         values ($1,$2,$3,$4,$5,$6,$7)
         on conflict (plan_id, kind) do update set path = excluded.path, location = excluded.location,
           checksum = excluded.checksum, archived_at = excluded.archived_at, metadata_checksum = excluded.metadata_checksum`,
        [r.planId, r.kind, r.path, r.location, r.checksum, r.archivedAt, r.metadataChecksum],
      );
    },
    async awaitingArchive() {
      // Adopted once (adopted_at is kept through the later stages); the year report when closed.
      return (
        await q.query<{ plan_id: string; kind: PlanCopyKind }>(
          `select p.id as plan_id, k.kind from unit_plans p
             cross join (values ('adopted'), ('report')) as k (kind)
            where (k.kind = 'adopted' and p.adopted_at is not null or k.kind = 'report' and p.status = 'closed')
              and not exists (select 1 from plan_archive_copies c where c.plan_id = p.id and c.kind = k.kind)
            order by p.updated_at, p.id, k.kind`,
          [],
        )
      ).map((r) => ({ planId: r.plan_id, kind: r.kind }));
    },
    async saveReport(r) {
      await q.query(
        `insert into goal_reports (goal_id, period, status, measured, comment, by_oid, at)
         values ($1,$2,$3,$4,$5,$6,$7)
         on conflict (goal_id, period) do update set status = excluded.status, measured = excluded.measured,
           comment = excluded.comment, by_oid = excluded.by_oid, at = excluded.at`,
        [r.goalId, r.period, r.status, r.measured, r.comment, r.byOid, r.at],
      );
    },
  };
}
