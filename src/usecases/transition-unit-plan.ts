import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import {
  adoptRefusal,
  planTransitionAllowed,
  planTransitionTarget,
  type PlanTransition,
} from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { loadPlan, mustWrite, planView } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * Moves a plan through its stages: open for the staff's input (Trinn 4), adopt (every goal measurable,
 * with one responsible person and a date), start the year report (Trinn 7), close.
 */
export async function transitionUnitPlan(
  deps: Deps,
  actor: Actor,
  planId: string,
  input: { transition: PlanTransition; baseVersion: number },
): Promise<ReplyOf<'transitionPlan'>> {
  const loaded = await loadPlan(deps, actor, planId);
  mustWrite(loaded);
  const updated = await deps.store.transaction(async (tx) => {
    const plan = await tx.plans.plan(planId, { forUpdate: true });
    if (!plan) throw new AppError('PLAN_NOT_FOUND');
    if (!planTransitionAllowed(input.transition, plan.status))
      throw new AppError('ILLEGAL_TRANSITION', { from: plan.status, transition: input.transition });
    if (input.transition === 'adopt') {
      const refusal = adoptRefusal(await tx.plans.goals([planId]));
      if (refusal) throw new AppError('PLAN_NOT_READY', { reason: refusal });
    }
    const at = nowIso(deps);
    const updated = await tx.plans.updatePlan(
      planId,
      {
        status: planTransitionTarget(input.transition),
        at,
        ...(input.transition === 'adopt' ? { adoptedAt: at, adoptedBy: actor.oid } : {}),
      },
      input.baseVersion,
    );
    if (!updated)
      throw new AppError('VERSION_CONFLICT', {
        yourBaseVersion: input.baseVersion,
        currentVersion: plan.version,
      });
    await audit(tx, actor, `plan.${input.transition}`, planId, at, { from: plan.status, to: updated.status });
    return updated;
  });
  if (input.transition === 'adopt') await deps.events.planArchivable(planId, 'adopted');
  if (updated.status === 'closed') await deps.events.planArchivable(planId, 'report');
  return planView(deps, actor, { ...loaded, plan: updated });
}
