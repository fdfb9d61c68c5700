import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { loadPlan, planView } from './plan-support.ts';
import type { Deps } from './support.ts';

/** A unit's plan, for its staff, its leaders, HR and the top leader. */
export async function getUnitPlan(deps: Deps, actor: Actor, planId: string): Promise<ReplyOf<'getPlan'>> {
  return planView(deps, actor, await loadPlan(deps, actor, planId));
}
