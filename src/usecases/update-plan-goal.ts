import type { BodyOf, ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { goalsEditable, reportEditable, type PlanGoal } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { checkOwner, checkServes, goalFields, loadPlan, mustWrite, oneGoalView } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * The leader changes a goal while the plan is a draft or open for input; once adopted, only what
 * becomes of it next year (videreføres, justeres, avsluttes) is written, in the year report.
 */
export async function updatePlanGoal(
  deps: Deps,
  actor: Actor,
  goalId: string,
  input: BodyOf<'updatePlanGoal'>,
): Promise<ReplyOf<'updatePlanGoal'>> {
  const { baseVersion, outcome, ...fields } = input;
  const found = await deps.store.plans.goal(goalId);
  if (!found) throw new AppError('GOAL_NOT_FOUND');
  const loaded = await loadPlan(deps, actor, found.planId).catch(() => {
    throw new AppError('GOAL_NOT_FOUND');
  });
  mustWrite(loaded);
  const updated = await deps.store.transaction(async (tx) => {
    const current = await tx.plans.goal(goalId, { forUpdate: true });
    const plan = await tx.plans.plan(found.planId);
    if (!current || current.removedAt !== null || !plan) throw new AppError('GOAL_NOT_FOUND');
    // The body holds only what changes (an absent key is not in it).
    const changesGoal = Object.keys(fields).length > 0;
    if (changesGoal && !goalsEditable(plan.status))
      throw new AppError('PLAN_STATE_FORBIDS', { status: plan.status });
    if (outcome !== undefined && !reportEditable(plan.status) && !goalsEditable(plan.status))
      throw new AppError('PLAN_STATE_FORBIDS', { status: plan.status });
    if (fields.ownerOid !== undefined) checkOwner(loaded.org, plan.unitId, fields.ownerOid);
    if (fields.servesGoalId !== undefined) await checkServes(tx.plans, loaded.org, plan, fields.servesGoalId);
    const next: PlanGoal = {
      ...current,
      ...fields,
      ...(outcome !== undefined ? { outcome } : {}),
    };
    const updated = await tx.plans.updateGoal(next, baseVersion);
    if (!updated)
      throw new AppError('VERSION_CONFLICT', {
        goalId,
        yourBaseVersion: baseVersion,
        currentVersion: current.version,
        current: goalFields(current),
      });
    await audit(tx, actor, 'plan.goal-changed', goalId, nowIso(deps), { plan: plan.id });
    return updated;
  });
  return oneGoalView(deps, loaded, actor, updated);
}
