// What the unit-plan use cases share: the organisation as the plan rules need it, access-checked
// loading, and the plan as its reader sees it.
import { byNorwegian } from '../domain/collate.ts';
import type { ReplyOf } from '../contract/endpoints.ts';
import type { Conversation } from '../domain/conversation.ts';
import type { Actor } from '../domain/policy.ts';
import {
  availablePlanTransitions,
  canContribute,
  canReadPlan,
  canReportGoal,
  canWritePlan,
  goalProblems,
  goalsEditable,
  planSectionWritable,
  planStanding,
  type Contribution,
  type GoalReport,
  indexOrganisation,
  type OrgIndex,
  type PlanGoal,
  type PlanStanding,
  type UnitPlan,
} from '../domain/unit-plan.ts';
import { reportPeriodFor } from '../domain/plan-reminders.ts';
import { KOMPASS_AREAS } from '../domain/templates/kommunekompass.ts';
import { virksomhetsplan } from '../domain/templates/virksomhetsplan.ts';
import { osloTime } from '../domain/reminders.ts';
import { AppError } from '../errors/catalogue.ts';
import type { DirectoryUser, PlanStore, Unit } from '../ports.ts';
import type { Deps } from './support.ts';

/** The tenant's units and people, as the plan rules read them. */
export interface Organisation {
  units: Unit[];
  users: DirectoryUser[];
  index: OrgIndex;
  unit(id: string): Unit | undefined;
  name(oid: string): string;
}

// Built once per list of people: the directory's cache hands out the same array while it is fresh,
// so a tenant of 50 000 is indexed once per cache period, not on every plan request.
const built = new WeakMap<readonly DirectoryUser[], WeakMap<readonly Unit[], Organisation>>();

export async function organisation(deps: Deps, tid: string): Promise<Organisation> {
  const [units, users] = await Promise.all([deps.directory.units(tid), deps.directory.users(tid)]);
  const known = built.get(users)?.get(units);
  if (known) return known;
  const names = new Map(users.map((u) => [u.oid, u.name]));
  const byId = new Map(units.map((u) => [u.id, u]));
  const org: Organisation = {
    units,
    users,
    index: indexOrganisation(units, users),
    unit: (id) => byId.get(id),
    name: (oid) => names.get(oid) ?? oid,
  };
  const forUsers = built.get(users) ?? new WeakMap<readonly Unit[], Organisation>();
  forUsers.set(units, org);
  built.set(users, forUsers);
  return org;
}

export const standingIn = (org: Organisation, actor: Actor, unitId: string): PlanStanding =>
  planStanding(actor.oid, actor.roles, unitId, org.index);

export interface LoadedPlan {
  plan: UnitPlan;
  org: Organisation;
  standing: PlanStanding;
}

/** A plan the actor may read; anyone else learns nothing about it (404). */
export async function loadPlan(deps: Deps, actor: Actor, planId: string): Promise<LoadedPlan> {
  // Outside any transaction: the directory (the database in local mode) is read here too.
  const plan = await deps.store.plans.plan(planId);
  if (!plan || plan.tid !== actor.tid) throw new AppError('PLAN_NOT_FOUND');
  const org = await organisation(deps, actor.tid);
  const standing = standingIn(org, actor, plan.unitId);
  if (!canReadPlan(standing)) throw new AppError('PLAN_NOT_FOUND');
  return { plan, org, standing };
}

/** The plan's writers: its unit's leader and the leaders above. */
export function mustWrite(loaded: LoadedPlan): void {
  if (!canWritePlan(loaded.standing))
    throw new AppError('FORBIDDEN', { reason: 'only the unit’s leaders write its plan' });
}

/** One of the unit's people, its leader included: who may be a goal's Ansvarsperson. */
export const inUnit = (org: Organisation, unitId: string, oid: string): boolean =>
  org.index.unitOf(oid) === unitId || org.index.leaderOf(unitId) === oid;

/** The Ansvarsperson is one of the unit's people (its leader included). */
export function checkOwner(org: Organisation, unitId: string, ownerOid: string | null): void {
  if (ownerOid !== null && !inUnit(org, unitId, ownerOid)) throw new AppError('GOAL_OWNER_NOT_MEMBER');
}

/** "Bidrar til" names a live goal in the same year's plan of a unit above. */
export async function checkServes(
  store: PlanStore,
  org: Organisation,
  plan: UnitPlan,
  servesGoalId: string | null,
): Promise<void> {
  if (servesGoalId === null) return;
  const target = await store.goal(servesGoalId);
  const targetPlan = target ? await store.plan(target.planId) : undefined;
  const above = org.index.chain(plan.unitId).slice(1);
  if (
    !target ||
    target.removedAt !== null ||
    !targetPlan ||
    targetPlan.tid !== plan.tid ||
    targetPlan.year !== plan.year ||
    !above.includes(targetPlan.unitId)
  )
    throw new AppError('GOAL_LINK_INVALID');
}

/**
 * The plans a conversation's goals may serve ("Bidrar til"): the plans of the conversation's year for
 * the employee's unit and every unit above it, nearest first.
 */
export async function servablePlans(
  deps: Deps,
  conversation: Pick<Conversation, 'tid' | 'unitId' | 'employeeOid' | 'period'>,
): Promise<{ org: Organisation; year: number; plans: UnitPlan[] }> {
  const org = await organisation(deps, conversation.tid);
  const unitId = conversation.unitId ?? org.index.unitOf(conversation.employeeOid);
  const chain = unitId ? org.index.chain(unitId) : [];
  const year = Number(conversation.period.slice(0, 4));
  const plans = (await deps.store.plans.plansIn(conversation.tid, [year]))
    .filter((p) => chain.includes(p.unitId))
    .sort((a, b) => chain.indexOf(a.unitId) - chain.indexOf(b.unitId));
  return { org, year, plans };
}

/** A conversation's goal may serve a live goal of one of its servable plans. */
export async function checkConversationServes(
  deps: Deps,
  conversation: Conversation,
  goalId: string | null,
): Promise<void> {
  if (goalId === null) return;
  const goal = await deps.store.plans.goal(goalId);
  const { plans } = await servablePlans(deps, conversation);
  if (!goal || goal.removedAt !== null || !plans.some((p) => p.id === goal.planId))
    throw new AppError('GOAL_LINK_INVALID');
}

const personOf = (org: Organisation, oid: string) => ({ oid, name: org.name(oid) });

export function goalView(
  loaded: LoadedPlan,
  actor: Actor,
  goal: PlanGoal,
  reports: readonly GoalReport[],
  serves: { goal: PlanGoal; unitId: string } | undefined,
): ReplyOf<'addPlanGoal'> {
  const { org } = loaded;
  const servesUnit = serves ? org.unit(serves.unitId) : undefined;
  return {
    id: goal.id,
    position: goal.position,
    goal: goal.goal,
    indicator: goal.indicator,
    baseline: goal.baseline,
    target: goal.target,
    actions: goal.actions,
    owner: goal.ownerOid ? personOf(org, goal.ownerOid) : null,
    due: goal.due,
    serves:
      serves && servesUnit
        ? {
            id: serves.goal.id,
            goal: serves.goal.goal,
            unit: { id: servesUnit.id, name: servesUnit.name },
            removed: serves.goal.removedAt !== null,
          }
        : null,
    carriedFrom: goal.carriedFromId,
    fromKompass: goal.fromKompass && {
      ...goal.fromKompass,
      title: KOMPASS_AREAS.find((a) => a.number === goal.fromKompass?.area)?.title ?? '',
    },
    outcome: goal.outcome,
    version: goal.version,
    problems: goalProblems(goal),
    reports: reports
      .filter((r) => r.goalId === goal.id)
      .map((r) => ({
        period: r.period,
        status: r.status,
        measured: r.measured,
        comment: r.comment,
        by: personOf(org, r.byOid),
        at: r.at,
      })),
    canReport:
      (loaded.plan.status === 'adopted' || loaded.plan.status === 'reporting') &&
      canReportGoal(loaded.standing, goal, actor.oid),
  };
}

/** One goal as its plan's reader sees it (after a write). */
export async function oneGoalView(
  deps: Deps,
  loaded: LoadedPlan,
  actor: Actor,
  goal: PlanGoal,
): Promise<ReplyOf<'addPlanGoal'>> {
  const store = deps.store.plans;
  const reports = await store.reports([goal.id]);
  const target = goal.servesGoalId ? await store.goal(goal.servesGoalId) : undefined;
  const targetPlan = target ? await store.plan(target.planId) : undefined;
  return goalView(
    loaded,
    actor,
    goal,
    reports,
    target && targetPlan ? { goal: target, unitId: targetPlan.unitId } : undefined,
  );
}

export function contributionView(org: Organisation, c: Contribution): ReplyOf<'contributeToPlan'> {
  return {
    id: c.id,
    kind: c.kind,
    goalId: c.goalId,
    author: personOf(org, c.authorOid),
    text: c.text,
    at: c.createdAt,
    answer:
      c.answer !== null && c.answeredBy !== null && c.answeredAt !== null
        ? { text: c.answer, by: personOf(org, c.answeredBy), at: c.answeredAt, takenInto: c.takenInto }
        : null,
  };
}

/** The whole plan as its reader sees it. */
export async function planView(deps: Deps, actor: Actor, loaded: LoadedPlan): Promise<ReplyOf<'getPlan'>> {
  const { plan, org, standing } = loaded;
  const store = deps.store.plans;
  const goals = (await store.goals([plan.id])).filter((g) => g.removedAt === null);
  const [reports, contributions, copies, served] = await Promise.all([
    store.reports(goals.map((g) => g.id)),
    store.contributions(plan.id),
    store.archiveCopies(plan.id),
    store.goalsById([...new Set(goals.flatMap((g) => (g.servesGoalId ? [g.servesGoalId] : [])))]),
  ]);
  // The plans above this unit's, for the year: their goals can be served.
  const above = org.index.chain(plan.unitId).slice(1);
  const abovePlans = (await store.plansIn(plan.tid, [plan.year])).filter((p) => above.includes(p.unitId));
  const aboveGoals = (await store.goals(abovePlans.map((p) => p.id))).filter((g) => g.removedAt === null);
  const servedPlans = new Map(
    (await Promise.all([...new Set(served.map((g) => g.planId))].map((id) => store.plan(id)))).flatMap((p) =>
      p ? [[p.id, p]] : [],
    ),
  );
  const unitRef = (id: string) => ({ id, name: org.unit(id)?.name ?? id });
  const leaderOid = org.index.leaderOf(plan.unitId);
  return {
    id: plan.id,
    unit: unitRef(plan.unitId),
    year: plan.year,
    status: plan.status,
    version: plan.version,
    leader: leaderOid ? personOf(org, leaderOid) : null,
    adopted:
      plan.adoptedAt && plan.adoptedBy ? { at: plan.adoptedAt, by: personOf(org, plan.adoptedBy) } : null,
    answers: plan.answers,
    goals: goals.map((g) => {
      const target = served.find((s) => s.id === g.servesGoalId);
      const targetPlan = target ? servedPlans.get(target.planId) : undefined;
      return goalView(
        loaded,
        actor,
        g,
        reports,
        target && targetPlan ? { goal: target, unitId: targetPlan.unitId } : undefined,
      );
    }),
    contributions: contributions.map((c) => contributionView(org, c)),
    reportPeriod:
      plan.status === 'adopted' || plan.status === 'reporting'
        ? reportPeriodFor(
            plan.year,
            osloTime(deps.clock.now()).date,
            deps.schedule.cadence,
            deps.schedule.holidays(deps.clock.now()),
          )
        : null,
    parentGoals: aboveGoals.map((g) => ({
      id: g.id,
      goal: g.goal,
      unit: unitRef(abovePlans.find((p) => p.id === g.planId)?.unitId ?? ''),
    })),
    definition: virksomhetsplan,
    copies: copies.map((c) => ({ kind: c.kind, archivedAt: c.archivedAt })),
    members: org.users
      .filter((u) => u.unitId === plan.unitId || u.oid === leaderOid)
      .map((u) => personOf(org, u.oid))
      .sort((a, b) => byNorwegian(a.name, b.name)),
    can: {
      write: canWritePlan(standing),
      contribute: canContribute(standing, plan.status),
      editGoals: canWritePlan(standing) && goalsEditable(plan.status),
      markOutcomes: canWritePlan(standing) && plan.status === 'reporting',
      fields: canWritePlan(standing)
        ? virksomhetsplan.sections
            .filter((s) => planSectionWritable(s.id, plan.status))
            .flatMap((s) => s.fields.filter((f) => f.kind !== 'goalList').map((f) => f.id))
        : [],
      transitions: canWritePlan(standing) ? availablePlanTransitions(plan.status) : [],
    },
  };
}

/** A goal's fields as the writer sees them, for a conflict's details (what the other person saved). */
export const goalFields = (g: PlanGoal) => ({
  goal: g.goal,
  indicator: g.indicator,
  baseline: g.baseline,
  target: g.target,
  actions: g.actions,
  ownerOid: g.ownerOid,
  due: g.due,
  servesGoalId: g.servesGoalId,
  outcome: g.outcome,
  version: g.version,
});
