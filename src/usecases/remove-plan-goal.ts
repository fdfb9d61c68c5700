import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { goalsEditable } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { goalFields, loadPlan, mustWrite, oneGoalView } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * The leader takes a goal out of a draft plan. It is kept, marked removed, so the goals and plan rows
 * that named it keep their link and read it as a former goal ("tidligere mål").
 */
export async function removePlanGoal(
  deps: Deps,
  actor: Actor,
  goalId: string,
  baseVersion: number,
): Promise<ReplyOf<'removePlanGoal'>> {
  const found = await deps.store.plans.goal(goalId);
  if (!found) throw new AppError('GOAL_NOT_FOUND');
  const loaded = await loadPlan(deps, actor, found.planId).catch(() => {
    throw new AppError('GOAL_NOT_FOUND');
  });
  mustWrite(loaded);
  const removed = await deps.store.transaction(async (tx) => {
    const current = await tx.plans.goal(goalId, { forUpdate: true });
    const plan = await tx.plans.plan(found.planId);
    if (!current || current.removedAt !== null || !plan) throw new AppError('GOAL_NOT_FOUND');
    if (!goalsEditable(plan.status)) throw new AppError('PLAN_STATE_FORBIDS', { status: plan.status });
    const at = nowIso(deps);
    const removed = await tx.plans.updateGoal({ ...current, removedAt: at }, baseVersion);
    if (!removed)
      throw new AppError('VERSION_CONFLICT', {
        goalId,
        yourBaseVersion: baseVersion,
        currentVersion: current.version,
        current: goalFields(current),
      });
    await audit(tx, actor, 'plan.goal-removed', goalId, at, { plan: current.planId });
    return removed;
  });
  return oneGoalView(deps, loaded, actor, removed);
}
