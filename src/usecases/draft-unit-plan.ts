import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { canWritePlan, type PlanGoal, type UnitPlan } from '../domain/unit-plan.ts';
import { virksomhetsplan } from '../domain/templates/virksomhetsplan.ts';
import { AppError } from '../errors/catalogue.ts';
import { inUnit, organisation, planView, standingIn } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * A unit's leader (or a leader above) starts the year's plan (Trinn 5). Last year's goals marked
 * "videreføres" or "justeres" in its year report come along, linked to where they came from (Trinn 8);
 * those marked "avsluttes" do not.
 */
export async function draftUnitPlan(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; year: number },
): Promise<ReplyOf<'draftPlan'>> {
  const org = await organisation(deps, actor.tid);
  if (!org.unit(input.unitId)) throw new AppError('UNIT_NOT_FOUND');
  const standing = standingIn(org, actor, input.unitId);
  if (!canWritePlan(standing))
    throw new AppError('FORBIDDEN', { reason: 'only the unit’s leaders draft its plan' });
  const at = nowIso(deps);
  const plan: UnitPlan = {
    id: deps.newId(),
    tid: actor.tid,
    unitId: input.unitId,
    year: input.year,
    status: 'draft',
    templateVersion: virksomhetsplan.version,
    answers: {},
    version: 0,
    createdBy: actor.oid,
    createdAt: at,
    updatedAt: at,
    adoptedAt: null,
    adoptedBy: null,
  };
  await deps.store.transaction(async (tx) => {
    if ((await tx.plans.insertPlan(plan)) === 'exists') throw new AppError('PLAN_EXISTS');
    const last = await tx.plans.planFor(actor.tid, input.unitId, input.year - 1);
    const carried = last
      ? (await tx.plans.goals([last.id])).filter(
          (g) => g.removedAt === null && (g.outcome === 'continue' || g.outcome === 'adjust'),
        )
      : [];
    for (const g of carried) {
      const goal: PlanGoal = {
        ...g,
        id: deps.newId(),
        planId: plan.id,
        // Last year's due date and parent goal belong to last year: the leader sets this year's.
        due: null,
        // An owner who has left the unit since is not carried over.
        ownerOid: g.ownerOid && inUnit(org, input.unitId, g.ownerOid) ? g.ownerOid : null,
        servesGoalId: null,
        carriedFromId: g.id,
        fromKompass: g.fromKompass,
        outcome: null,
        version: 0,
        removedAt: null,
      };
      await tx.plans.insertGoal(goal);
    }
    await audit(tx, actor, 'plan.drafted', plan.id, at, {
      unit: input.unitId,
      year: input.year,
      carried: carried.length,
    });
  });
  return planView(deps, actor, { plan, org, standing });
}
