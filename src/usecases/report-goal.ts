import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { canReportGoal, type GoalStatus } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { loadPlan, oneGoalView } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * A goal's Ansvarsperson reports its status and the indicator's measured value for a quarter
 * (Trinn 6); a second report for the same quarter replaces the first. Only on an adopted plan.
 */
export async function reportGoal(
  deps: Deps,
  actor: Actor,
  goalId: string,
  input: { period: string; status: GoalStatus; measured: number | null; comment: string | null },
): Promise<ReplyOf<'reportGoal'>> {
  const goal = await deps.store.plans.goal(goalId);
  if (!goal || goal.removedAt !== null) throw new AppError('GOAL_NOT_FOUND');
  const loaded = await loadPlan(deps, actor, goal.planId).catch(() => {
    throw new AppError('GOAL_NOT_FOUND');
  });
  if (!canReportGoal(loaded.standing, goal, actor.oid))
    throw new AppError('FORBIDDEN', { reason: 'only the goal’s responsible person reports on it' });
  const { plan } = loaded;
  if (plan.status !== 'adopted' && plan.status !== 'reporting')
    throw new AppError('PLAN_STATE_FORBIDS', { status: plan.status });
  if (!input.period.startsWith(`${plan.year}-`))
    throw new AppError('VALIDATION_FAILED', { field: 'period', expected: `a period of ${plan.year}` });
  const at = nowIso(deps);
  await deps.store.transaction(async (tx) => {
    await tx.plans.saveReport({ goalId, ...input, byOid: actor.oid, at });
    await audit(tx, actor, 'plan.goal-reported', goalId, at, { period: input.period, status: input.status });
  });
  return oneGoalView(deps, loaded, actor, goal);
}
