import { byNorwegian } from '../domain/collate.ts';
import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { canReadPlan, canWritePlan, followUpPeriods, goalProblems } from '../domain/unit-plan.ts';
import { organisation, standingIn } from './plan-support.ts';
import { currentPeriod, type Deps } from './support.ts';

/**
 * Every unit whose plan the actor may read, with that plan for the year (or none yet): for HR and the
 * top leader, every unit, with how many goals are reported per period and what goals lack.
 */
export async function listUnitPlans(
  deps: Deps,
  actor: Actor,
  year: number = Number(currentPeriod(deps)),
): Promise<ReplyOf<'listPlans'>> {
  const org = await organisation(deps, actor.tid);
  const plans = await deps.store.plans.plansIn(actor.tid, [year]);
  const goals = await deps.store.plans.goals(plans.map((p) => p.id));
  const reports = await deps.store.plans.reports(goals.map((g) => g.id));
  const reported = new Set(reports.map((r) => `${r.goalId}:${r.period}`));
  const periods = followUpPeriods(year, deps.schedule.cadence).map((p) => p.id);
  const rows = org.units.flatMap((unit) => {
    const standing = standingIn(org, actor, unit.id);
    if (!canReadPlan(standing)) return [];
    const plan = plans.find((p) => p.unitId === unit.id);
    const live = plan ? goals.filter((g) => g.planId === plan.id && g.removedAt === null) : [];
    return [
      {
        unit: { id: unit.id, name: unit.name },
        year,
        plan: plan
          ? {
              id: plan.id,
              status: plan.status,
              goals: live.length,
              incompleteGoals: live.filter((g) => goalProblems(g).length > 0).length,
              withoutOwner: live.filter((g) => goalProblems(g).includes('owner')).length,
              withoutIndicator: live.filter((g) => goalProblems(g).includes('indicator')).length,
              reported: periods.map((period) => ({
                period,
                goals: live.filter((g) => reported.has(`${g.id}:${period}`)).length,
              })),
            }
          : null,
        canDraft: !plan && canWritePlan(standing),
      },
    ];
  });
  return { plans: rows.sort((a, b) => byNorwegian(a.unit.name, b.unit.name)) };
}
