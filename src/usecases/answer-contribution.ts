import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { goalsEditable, type PlanGoal } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { contributionView, loadPlan, mustWrite } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * The leader answers a comment or a proposal; a proposal may be taken into the plan as a new goal
 * (its text as the goal, the rest for the leader to fill in before adopting).
 */
export async function answerContribution(
  deps: Deps,
  actor: Actor,
  contributionId: string,
  input: { answer: string; takeIn: boolean },
): Promise<ReplyOf<'answerContribution'>> {
  const c = await deps.store.plans.contribution(contributionId);
  if (!c) throw new AppError('CONTRIBUTION_NOT_FOUND');
  const loaded = await loadPlan(deps, actor, c.planId).catch(() => {
    throw new AppError('CONTRIBUTION_NOT_FOUND');
  });
  mustWrite(loaded);
  const answered = await deps.store.transaction(async (tx) => {
    const plan = await tx.plans.plan(c.planId, { forUpdate: true });
    if (!plan || !goalsEditable(plan.status))
      throw new AppError('PLAN_STATE_FORBIDS', { status: plan?.status });
    if (c.answeredAt !== null) throw new AppError('CONTRIBUTION_ANSWERED');
    const at = nowIso(deps);
    let takenInto: string | null = null;
    if (input.takeIn && c.kind === 'proposal') {
      const goal: PlanGoal = {
        id: deps.newId(),
        planId: plan.id,
        position: 0,
        goal: c.text.slice(0, 2000),
        indicator: null,
        baseline: null,
        target: null,
        actions: null,
        ownerOid: null,
        due: null,
        servesGoalId: null,
        carriedFromId: null,
        fromKompass: null,
        outcome: null,
        version: 0,
        removedAt: null,
      };
      await tx.plans.insertGoal(goal);
      takenInto = goal.id;
    }
    const answered = await tx.plans.answerContribution({
      id: c.id,
      answer: input.answer,
      by: actor.oid,
      at,
      takenInto,
    });
    if (!answered) throw new AppError('CONTRIBUTION_ANSWERED');
    await audit(tx, actor, 'plan.input-answered', c.id, at, { plan: plan.id, takenIn: takenInto !== null });
    return answered;
  });
  return contributionView(loaded.org, answered);
}
