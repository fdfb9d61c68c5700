import type { BodyOf, ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { goalsEditable, type PlanGoal } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { checkOwner, checkServes, loadPlan, mustWrite, oneGoalView } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** The leader adds a goal to the plan while it is a draft or open for input (Trinn 4–5). */
export async function addPlanGoal(
  deps: Deps,
  actor: Actor,
  planId: string,
  input: BodyOf<'addPlanGoal'>,
): Promise<ReplyOf<'addPlanGoal'>> {
  // Who may write is read first: the directory is not part of the transaction.
  const loaded = await loadPlan(deps, actor, planId);
  mustWrite(loaded);
  const goal = await deps.store.transaction(async (tx) => {
    const plan = await tx.plans.plan(planId, { forUpdate: true });
    if (!plan || !goalsEditable(plan.status))
      throw new AppError('PLAN_STATE_FORBIDS', { status: plan?.status });
    checkOwner(loaded.org, plan.unitId, input.ownerOid);
    await checkServes(tx.plans, loaded.org, plan, input.servesGoalId);
    const goal: PlanGoal = {
      id: deps.newId(),
      planId,
      position: 0,
      ...input,
      carriedFromId: null,
      fromKompass: null,
      outcome: null,
      version: 0,
      removedAt: null,
    };
    await tx.plans.insertGoal(goal);
    await audit(tx, actor, 'plan.goal-added', goal.id, nowIso(deps), { plan: planId });
    return (await tx.plans.goal(goal.id)) ?? goal;
  });
  return oneGoalView(deps, loaded, actor, goal);
}
