import { reportPeriodFor } from '../domain/plan-reminders.ts';
import type { Actor } from '../domain/policy.ts';
import type { GoalReport, PlanGoal } from '../domain/unit-plan.ts';
import type { Cadence } from '../domain/unit-plan.ts';
import type { Holidays } from '../domain/reminders.ts';
import { organisation } from './plan-support.ts';
import type { Deps } from './support.ts';

export interface MyGoal {
  goal: PlanGoal;
  planId: string;
  unit: string;
  /** The period a report now counts for (the one whose report window is open), or null. */
  period: string | null;
  reports: GoalReport[];
}

/**
 * The goals I am Ansvarsperson for in adopted plans, each with the period a report now counts for:
 * the one whose report window is open (from a period's last days to its deadline), else the running one.
 */
export async function listMyGoals(
  deps: Deps,
  actor: Actor,
  today: string,
  cadence: Cadence,
  holidays: Holidays,
): Promise<MyGoal[]> {
  const year = Number(today.slice(0, 4));
  const owned = await deps.store.plans.goalsOwnedBy(actor.tid, actor.oid, [year - 1, year]);
  if (owned.length === 0) return [];
  const [org, reports] = await Promise.all([
    organisation(deps, actor.tid),
    deps.store.plans.reports(owned.map((o) => o.goal.id)),
  ]);
  return owned.flatMap(({ goal, plan }) => {
    const period = reportPeriodFor(plan.year, today, cadence, holidays);
    // Last year's plan stays on the list only while its last report is still owed.
    if (period === null) return [];
    return [
      {
        goal,
        planId: plan.id,
        unit: org.unit(plan.unitId)?.name ?? plan.unitId,
        period,
        reports: reports.filter((r) => r.goalId === goal.id),
      },
    ];
  });
}
