import type { ArchiveEntry, ArchiveListing } from '../contract/views.ts';
import { canBrowseArchive, canSeeSalaryCopies, type Actor } from '../domain/policy.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import { AppError } from '../errors/catalogue.ts';
import { person, type Deps } from './support.ts';

export interface ArchiveFilter {
  year?: string | undefined;
  templateKey?: string | undefined;
  unitId?: string | undefined;
}

/** HR browses the archive by year, type and unit. Salary copies are listed only for HR with HR.Salary. */
export async function listArchive(deps: Deps, actor: Actor, filter: ArchiveFilter): Promise<ArchiveListing> {
  if (!canBrowseArchive(actor)) throw new AppError('FORBIDDEN');
  const salary = canSeeSalaryCopies(actor);
  const [rows, units] = await Promise.all([
    deps.store.archiveIndex(actor.tid),
    deps.directory.units(actor.tid),
  ]);
  const visible = rows.filter((r) => r.part === 'record' || salary);
  const entries: ArchiveEntry[] = [];
  for (const r of visible) {
    const year = r.path.slice(0, 4);
    if (
      (filter.year && year !== filter.year) ||
      (filter.templateKey && r.templateKey !== filter.templateKey) ||
      (filter.unitId && r.unitId !== filter.unitId)
    )
      continue;
    entries.push({
      conversationId: r.conversationId,
      part: r.part,
      year,
      templateKey: r.templateKey,
      templateName: builtInTemplate(r.templateKey)?.name ?? r.templateKey,
      period: r.period,
      unit: units.find((u) => u.id === r.unitId)?.name ?? '',
      employee: (await person(deps, actor.tid, r.employeeOid)).name,
      leader: (await person(deps, actor.tid, r.leaderOid)).name,
      archivedAt: r.archivedAt,
      file: `/api/conversations/${r.conversationId}/archive/${r.part}`,
    });
  }
  const years = [...new Set(visible.map((r) => r.path.slice(0, 4)))].sort().reverse();
  return { entries, years, units: units.map((u) => ({ id: u.id, name: u.name })) };
}
