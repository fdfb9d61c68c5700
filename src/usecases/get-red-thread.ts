import { byNorwegian } from '../domain/collate.ts';
import type { ReplyOf } from '../contract/endpoints.ts';
import type { FollowUpStatus } from '../domain/answers.ts';
import type { Actor } from '../domain/policy.ts';
import { canReadPlan, planStanding, type GoalReport, type GoalStatus } from '../domain/unit-plan.ts';
import { organisation } from './plan-support.ts';
import { currentPeriod, type Deps } from './support.ts';

/** Counts below this are not shown: a count of 1 or 2 could single a person out. */
export const SMALLEST_COUNT = 3;
const shown = (n: number): number | null => (n >= SMALLEST_COUNT ? n : null);

type Node = ReplyOf<'getRedThread'>['goals'][number];

/**
 * Den røde tråden for a year: every goal of the plans the actor may read, the goals above them that
 * they serve (for context), each with its latest status, the roll-up of the unit goals below it, and
 * how many conversations' plan rows name it. Those rows are private to their parties: others see
 * counts only, and no count below 3.
 */
export async function getRedThread(
  deps: Deps,
  actor: Actor,
  year: number = Number(currentPeriod(deps)),
): Promise<ReplyOf<'getRedThread'>> {
  const org = await organisation(deps, actor.tid);
  const store = deps.store.plans;
  const plans = await store.plansIn(actor.tid, [year]);
  const readable = new Set(
    plans
      .filter((p) => canReadPlan(planStanding(actor.oid, actor.roles, p.unitId, org.index)))
      .map((p) => p.id),
  );
  const goals = await store.threadGoals(plans.map((p) => p.id));
  const byId = new Map(goals.map((g) => [g.id, g]));
  // The readable plans' goals and, for context, every goal above them.
  const shownIds = new Set<string>();
  for (const g of goals) {
    if (!readable.has(g.planId)) continue;
    for (
      let at: typeof g | undefined = g;
      at && !shownIds.has(at.id);
      at = at.servesGoalId ? byId.get(at.servesGoalId) : undefined
    )
      shownIds.add(at.id);
  }
  const visible = goals.filter((g) => shownIds.has(g.id));
  const visibleIds = visible.map((g) => g.id);
  const [reports, items, fields] = await Promise.all([
    store.reports(visibleIds),
    deps.store.itemsServing(visibleIds),
    deps.store.fieldsServing(visibleIds),
  ]);
  const latest = new Map<string, GoalReport>();
  for (const r of reports) {
    const was = latest.get(r.goalId);
    if (!was || was.period < r.period) latest.set(r.goalId, r);
  }
  const children = new Map<string, string[]>();
  for (const g of visible)
    if (g.servesGoalId && shownIds.has(g.servesGoalId))
      children.set(g.servesGoalId, [...(children.get(g.servesGoalId) ?? []), g.id]);
  const rollups = new Map<string, Record<GoalStatus | 'unreported', number>>();
  const rollupOf = (id: string): Record<GoalStatus | 'unreported', number> => {
    const known = rollups.get(id);
    if (known) return known;
    const sum = { reached: 0, on_track: 0, uncertain: 0, not_reached: 0, unreported: 0 };
    sum[latest.get(id)?.status ?? 'unreported']++;
    for (const child of children.get(id) ?? []) {
      const c = rollupOf(child);
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += c[k];
    }
    rollups.set(id, sum);
    return sum;
  };
  const planOf = new Map(plans.map((p) => [p.id, p]));
  const unitRef = (id: string) => ({ id, name: org.unit(id)?.name ?? id });
  const person = (oid: string) => ({ oid, name: org.name(oid) });
  // Personal goals: conversations' plan rows and their goals written as text (Punkt 3's hovedmål).
  type Personal = {
    key: string;
    conversationId: string;
    title: string;
    status: FollowUpStatus | null;
    parties: [string, string];
  };
  const personalOf = new Map<string, Personal[]>();
  const add = (goalId: string, p: Personal) => personalOf.set(goalId, [...(personalOf.get(goalId) ?? []), p]);
  for (const i of items)
    if (i.item.servesGoalId)
      add(i.item.servesGoalId, {
        key: i.item.id,
        conversationId: i.item.conversationId,
        title: Object.values(i.item.cells).find((v) => v) ?? '',
        status: i.item.status,
        parties: [i.leaderOid, i.employeeOid],
      });
  for (const f of fields)
    add(f.goalId, {
      key: `${f.conversationId}:${f.fieldId}`,
      conversationId: f.conversationId,
      title: f.text,
      status: null,
      parties: [f.leaderOid, f.employeeOid],
    });
  const nodes: Node[] = visible.map((g) => {
    const rows = personalOf.get(g.id) ?? [];
    const mine = rows.filter((r) => r.parties.includes(actor.oid));
    return {
      id: g.id,
      goal: g.goal,
      unit: unitRef(planOf.get(g.planId)?.unitId ?? ''),
      planId: g.planId,
      servesId: g.servesGoalId && shownIds.has(g.servesGoalId) ? g.servesGoalId : null,
      owner: g.ownerOid ? person(g.ownerOid) : null,
      latest: latest.has(g.id)
        ? { period: latest.get(g.id)?.period ?? '', status: latest.get(g.id)?.status ?? 'on_track' }
        : null,
      rollup: rollupOf(g.id),
      personal: {
        total: shown(rows.length),
        achieved: shown(rows.filter((r) => r.status === ('achieved' satisfies FollowUpStatus)).length),
      },
      yours: mine.map(({ key, conversationId, title, status }) => ({ key, conversationId, title, status })),
      readable: readable.has(g.planId),
    };
  });
  // Top first, then by unit and the plan's own order.
  const depths = new Map<string, number>();
  const depth = (n: Node): number => {
    let d = depths.get(n.unit.id);
    if (d === undefined) {
      d = org.index.chain(n.unit.id).length;
      depths.set(n.unit.id, d);
    }
    return d;
  };
  nodes.sort(
    (a, b) =>
      depth(a) - depth(b) ||
      byNorwegian(a.unit.name, b.unit.name) ||
      (byId.get(a.id)?.position ?? 0) - (byId.get(b.id)?.position ?? 0),
  );
  return { year, goals: nodes };
}
