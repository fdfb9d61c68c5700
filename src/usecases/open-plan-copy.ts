import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive, PlanCopyKind } from '../ports.ts';
import { readArchivedCopy } from './document-archive-support.ts';
import { loadPlan } from './plan-support.ts';
import type { Deps } from './support.ts';

/** Opens a plan's archived copy for whoever may read the plan, only as it was archived. */
export async function openPlanCopy(
  deps: Deps & { archive: Archive },
  actor: Actor,
  { planId, kind }: { planId: string; kind: PlanCopyKind },
): Promise<{ bytes: Uint8Array; filename: string }> {
  await loadPlan(deps, actor, planId);
  const row = (await deps.store.plans.archiveCopies(planId)).find((c) => c.kind === kind);
  const copy = row && (await readArchivedCopy(deps, actor, row, planId, { kind }));
  if (!copy) throw new AppError('PLAN_COPY_NOT_FOUND');
  return copy;
}
