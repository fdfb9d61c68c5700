import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { canContribute, type Contribution, type ContributionKind } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { contributionView, loadPlan } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** Someone in the unit comments on a goal or proposes one while the plan is open for input (Trinn 4). */
export async function contributeToPlan(
  deps: Deps,
  actor: Actor,
  planId: string,
  input: { kind: ContributionKind; goalId: string | null; text: string },
): Promise<ReplyOf<'contributeToPlan'>> {
  const loaded = await loadPlan(deps, actor, planId);
  if (loaded.plan.status !== 'input')
    throw new AppError('PLAN_STATE_FORBIDS', { status: loaded.plan.status });
  if (!canContribute(loaded.standing, loaded.plan.status))
    throw new AppError('FORBIDDEN', { reason: 'only the unit’s people give input to its plan' });
  if (input.goalId !== null) {
    const goal = await deps.store.plans.goal(input.goalId);
    if (!goal || goal.planId !== planId || goal.removedAt !== null) throw new AppError('GOAL_NOT_FOUND');
  }
  const c: Contribution = {
    id: deps.newId(),
    planId,
    goalId: input.kind === 'proposal' ? null : input.goalId,
    kind: input.kind,
    authorOid: actor.oid,
    text: input.text,
    createdAt: nowIso(deps),
    answer: null,
    answeredBy: null,
    answeredAt: null,
    takenInto: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.plans.insertContribution(c);
    await audit(tx, actor, `plan.${input.kind}`, c.id, c.createdAt, { plan: planId });
  });
  return contributionView(loaded.org, c);
}
