import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { allFields } from '../domain/templates/model.ts';
import { servablePlans } from './plan-support.ts';
import { loadConversation, type Deps } from './support.ts';

/**
 * What the parties may pick under "Bidrar til": the live goals of that year's plans of the employee's
 * unit and the units above it, nearest unit first, and any goal already linked that has since been
 * taken out (shown as "tidligere mål", so the link is never silently lost).
 */
export async function listServableGoals(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<ReplyOf<'listServableGoals'>> {
  const { conversation, template } = await loadConversation(deps, actor, conversationId, { need: 'party' });
  const { org, year, plans } = await servablePlans(deps, conversation);
  const [goals, items, fieldLinks] = await Promise.all([
    deps.store.plans.goals(plans.map((p) => p.id)),
    allFields(template).some((f) => f.kind === 'goalList' || f.kind === 'actionPlan')
      ? deps.store.items(conversation.id)
      : Promise.resolve([]),
    deps.store.fieldLinks(conversation.id),
  ]);
  const linked = new Set([
    ...items.flatMap((i) => (i.servesGoalId ? [i.servesGoalId] : [])),
    ...Object.values(fieldLinks),
  ]);
  const live = new Set(goals.filter((g) => g.removedAt === null).map((g) => g.id));
  const gone = await deps.store.plans.goalsById([...linked].filter((id) => !live.has(id)));
  const unitOfPlan = new Map(plans.map((p) => [p.id, p.unitId]));
  const planIds = gone.map((g) => g.planId).filter((id) => !unitOfPlan.has(id));
  for (const id of new Set(planIds)) {
    const p = await deps.store.plans.plan(id);
    if (p && p.tid === conversation.tid) unitOfPlan.set(p.id, p.unitId);
  }
  const unitRef = (planId: string) => {
    const id = unitOfPlan.get(planId) ?? '';
    return { id, name: org.unit(id)?.name ?? id };
  };
  const order = new Map(plans.map((p, i) => [p.id, i]));
  return {
    year,
    goals: [
      ...goals
        .filter((g) => g.removedAt === null)
        .sort((a, b) => (order.get(a.planId) ?? 0) - (order.get(b.planId) ?? 0) || a.position - b.position)
        .map((g) => ({ id: g.id, goal: g.goal, unit: unitRef(g.planId), removed: false })),
      ...gone
        .filter((g) => unitOfPlan.has(g.planId))
        .map((g) => ({ id: g.id, goal: g.goal, unit: unitRef(g.planId), removed: true })),
    ],
  };
}
