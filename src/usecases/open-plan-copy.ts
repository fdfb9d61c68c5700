import { createHash } from 'node:crypto';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive, PlanCopyKind } from '../ports.ts';
import { loadPlan } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** Opens a plan's archived copy for whoever may read the plan, only as it was archived. */
export async function openPlanCopy(
  deps: Deps & { archive: Archive },
  actor: Actor,
  { planId, kind }: { planId: string; kind: PlanCopyKind },
): Promise<{ bytes: Uint8Array; filename: string }> {
  await loadPlan(deps, actor, planId);
  const row = (await deps.store.plans.archiveCopies(planId)).find((c) => c.kind === kind);
  if (!row) throw new AppError('PLAN_COPY_NOT_FOUND');
  const bytes = await deps.archive.get(row.path);
  if (!bytes) throw new AppError('PLAN_COPY_NOT_FOUND');
  if (createHash('sha256').update(bytes).digest('hex') !== row.checksum) {
    await audit(deps.store, actor, 'archive.copy-damaged', planId, nowIso(deps), { kind, path: row.path });
    throw new AppError('ARCHIVE_COPY_DAMAGED');
  }
  return { bytes, filename: row.path.split('/').pop() ?? 'virksomhetsplan.pdf' };
}
