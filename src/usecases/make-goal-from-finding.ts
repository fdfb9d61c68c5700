import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { goalsEditable, type PlanGoal } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import type { AreaNote } from '../ports.ts';
import { loadRound } from './kompass-support.ts';
import { loadPlan, mustWrite, oneGoalView } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * An area's Utfordring or Svakhet becomes a goal of the municipality's own plan, keeping a link back to
 * the round and the area: the top plan open for goals (a draft, or open for input), the nearest year
 * from the round's on. Only a line the assessors wrote in that note can be taken.
 */
export async function makeGoalFromFinding(
  deps: Deps,
  actor: Actor,
  input: { roundId: string; area: number; kind: Exclude<AreaNote['kind'], 'styrker'>; text: string },
): Promise<ReplyOf<'makeGoalFromFinding'>> {
  const { round, org } = await loadRound(deps, actor, input.roundId);
  const note = (await deps.store.kompass.notes(round.id)).find(
    (n) => n.area === input.area && n.kind === input.kind,
  );
  const text = input.text.trim();
  if (!note?.text.split('\n').some((line) => line.trim().replace(/^[-•*]\s+/, '') === text))
    throw new AppError('FINDING_NOT_FOUND');
  const root = org.index.root;
  const open = (await deps.store.plans.plansIn(round.tid, [round.year, round.year + 1, round.year + 2]))
    .filter((p) => p.unitId === root && goalsEditable(p.status))
    .sort((a, b) => a.year - b.year)[0];
  if (!open) throw new AppError('NO_OPEN_TOP_PLAN', { year: round.year });
  const loaded = await loadPlan(deps, actor, open.id);
  mustWrite(loaded);
  const goal = await deps.store.transaction(async (tx) => {
    const plan = await tx.plans.plan(open.id, { forUpdate: true });
    if (!plan || !goalsEditable(plan.status))
      throw new AppError('PLAN_STATE_FORBIDS', { status: plan?.status });
    const goal: PlanGoal = {
      id: deps.newId(),
      planId: plan.id,
      position: 0,
      goal: text.slice(0, 2000),
      indicator: null,
      baseline: null,
      target: null,
      actions: null,
      ownerOid: null,
      due: null,
      servesGoalId: null,
      carriedFromId: null,
      fromKompass: { roundId: round.id, area: input.area },
      outcome: null,
      version: 0,
      removedAt: null,
    };
    await tx.plans.insertGoal(goal);
    await audit(tx, actor, 'plan.goal-from-finding', goal.id, nowIso(deps), {
      plan: plan.id,
      round: round.id,
      area: input.area,
    });
    return (await tx.plans.goal(goal.id)) ?? goal;
  });
  return { planId: open.id, year: open.year, goal: await oneGoalView(deps, loaded, actor, goal) };
}
