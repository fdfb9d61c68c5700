import { byNorwegian } from '../domain/collate.ts';
import { STATUSES, type Status } from '../domain/conversation.ts';
import type { CompletionRow, CompletionView } from '../contract/views.ts';
import { canSeeCompletion, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import { currentPeriod, type Deps } from './support.ts';

/**
 * HR's overview: counts per unit and template for a period, counted by the database (one row per
 * unit, template and status), so the whole organisation costs one grouped query. Figures only.
 */
export async function getCompletion(deps: Deps, actor: Actor, period?: string): Promise<CompletionView> {
  if (!canSeeCompletion(actor)) throw new AppError('FORBIDDEN');
  const p = period ?? currentPeriod(deps);
  const [counts, units] = await Promise.all([
    deps.store.completionCounts(actor.tid, p),
    deps.directory.units(actor.tid),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const rows = new Map<string, CompletionRow>();
  for (const c of counts) {
    const key = `${c.unitId ?? ''}|${c.templateKey}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        unit: { id: c.unitId, name: (c.unitId && unitName.get(c.unitId)) || '—' },
        templateKey: c.templateKey,
        templateName: builtInTemplate(c.templateKey)?.name ?? c.templateKey,
        total: 0,
        byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
        completedShare: 0,
      };
      rows.set(key, row);
    }
    row.total += c.n;
    row.byStatus[c.status] += c.n;
  }
  for (const row of rows.values()) {
    const active = row.total - row.byStatus.cancelled;
    row.completedShare = active === 0 ? 0 : (row.byStatus.signed + row.byStatus.archived) / active;
  }
  return {
    period: p,
    rows: [...rows.values()].sort(
      (a, b) => byNorwegian(a.unit.name, b.unit.name) || a.templateKey.localeCompare(b.templateKey),
    ),
  };
}
