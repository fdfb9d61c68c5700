// The demo organisation's plans: last year's, followed up every quarter and closed with its year
// report, and this year's, adopted and carrying on what last year kept, each unit's goals pointing up
// to the municipality's. Seeded through the real use cases, so the red thread is there at once.
import type { Actor } from '../domain/policy.ts';
import { followUpPeriods, type GoalOutcome, type GoalStatus } from '../domain/unit-plan.ts';
import { addPlanGoal } from '../usecases/add-plan-goal.ts';
import { draftUnitPlan } from '../usecases/draft-unit-plan.ts';
import { reportGoal } from '../usecases/report-goal.ts';
import { currentPeriod, type Deps } from '../usecases/support.ts';
import { transitionUnitPlan } from '../usecases/transition-unit-plan.ts';
import { updatePlanGoal } from '../usecases/update-plan-goal.ts';

interface SeedGoal {
  goal: string;
  indicator: string;
  baseline: number;
  target: number;
  actions: string;
  owner: string;
  /** Which of the municipality's goals it serves (index into the top plan's goals). */
  serves?: number;
  /** What last year's report said becomes of it. */
  outcome: GoalOutcome;
}

export interface PlanSeed {
  unitId: string;
  leader: string;
  goals: SeedGoal[];
}

const STATUSES: GoalStatus[] = ['on_track', 'on_track', 'uncertain', 'reached'];

/** Seeds last year's plans (closed, four quarters reported) and this year's (adopted) for each unit. */
export async function seedPlans(deps: Deps, actor: (oid: string) => Actor, seeds: readonly PlanSeed[]) {
  const year = Number(currentPeriod(deps));
  const today = deps.clock.now().toISOString().slice(0, 10);
  for (const [y, thisYear] of [
    [year - 1, false],
    [year, true],
  ] as const) {
    const topGoals: string[] = [];
    for (const seed of seeds) {
      const leader = actor(seed.leader);
      const plan = await draftUnitPlan(deps, leader, { unitId: seed.unitId, year: y });
      // This year's plan starts from last year's: carried goals get this year's date and link.
      const carried = new Map(plan.goals.map((g) => [g.goal, g]));
      const ids: string[] = [];
      for (const g of seed.goals) {
        if (thisYear && g.outcome === 'end') continue;
        const fields = {
          goal: g.goal,
          indicator: g.indicator,
          baseline: g.baseline,
          target: g.target,
          actions: g.actions,
          ownerOid: g.owner,
          due: `${y}-12-31`,
          servesGoalId: g.serves !== undefined ? (topGoals[g.serves] ?? null) : null,
        };
        const was = carried.get(g.goal);
        const saved = was
          ? await updatePlanGoal(deps, leader, was.id, { ...fields, baseVersion: was.version })
          : await addPlanGoal(deps, leader, plan.id, fields);
        ids.push(saved.id);
      }
      if (topGoals.length === 0) topGoals.push(...ids);
      const adopted = await transitionUnitPlan(deps, leader, plan.id, {
        transition: 'adopt',
        baseVersion: plan.version,
      });
      // Every quarter that has ended, each owner has reported.
      const quarters = followUpPeriods(y, 'quarter').filter((q) => q.ends < today);
      for (const [i, id] of ids.entries()) {
        const g = seed.goals.filter((s) => !(thisYear && s.outcome === 'end'))[i];
        if (!g) continue;
        for (const [n, q] of quarters.entries())
          await reportGoal(deps, actor(g.owner), id, {
            period: q.id,
            status: STATUSES[(n + i) % STATUSES.length] ?? 'on_track',
            measured: Math.round((g.baseline + ((g.target - g.baseline) * (n + 1)) / 4) * 10) / 10,
            comment: null,
          });
      }
      if (thisYear) continue;
      // Last year's report: what becomes of each goal, then closed.
      const reporting = await transitionUnitPlan(deps, leader, plan.id, {
        transition: 'start-report',
        baseVersion: adopted.version,
      });
      for (const [i, goal] of reporting.goals.entries())
        await updatePlanGoal(deps, leader, goal.id, {
          outcome: seed.goals[i]?.outcome ?? 'continue',
          baseVersion: goal.version,
        });
      await transitionUnitPlan(deps, leader, plan.id, {
        transition: 'close',
        baseVersion: reporting.version,
      });
    }
  }
}
