import { z } from 'zod';
import type { ArchiveListing } from '../contract/views.ts';
import { canBrowseArchive, canSeeSalaryCopies, type Actor } from '../domain/policy.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import { retentionDate } from '../domain/archive.ts';
import { AppError } from '../errors/catalogue.ts';
import type { ArchivePageCursor } from '../ports.ts';
import { decodeCursor, encodeCursor } from './paging.ts';
import type { Deps } from './support.ts';

export interface ArchiveFilter {
  year?: string | undefined;
  templateKey?: string | undefined;
  unitId?: string | undefined;
  after?: string | undefined;
}

export const ARCHIVE_PAGE_SIZE = 50;

// Where a page of the archive begins: the last copy of the page before.
const CURSOR: z.ZodType<ArchivePageCursor> = z.object({
  archivedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  conversationId: z.string(),
  part: z.enum(['record', 'salary']),
});

/**
 * HR browses the archive by year, type and unit, a page at a time, newest first. Salary copies are
 * listed only for HR with HR.Salary.
 */
export async function listArchive(
  deps: Deps & { retentionYears: number },
  actor: Actor,
  filter: ArchiveFilter,
): Promise<ArchiveListing> {
  const { retentionYears } = deps;
  if (!canBrowseArchive(actor)) throw new AppError('FORBIDDEN');
  const after = filter.after ? decodeCursor(filter.after, CURSOR) : undefined;
  const [page, units] = await Promise.all([
    deps.store.archivePage(
      actor.tid,
      {
        year: filter.year,
        templateKey: filter.templateKey,
        unitId: filter.unitId,
        salary: canSeeSalaryCopies(actor),
      },
      // One more than a page: whether another page follows.
      { limit: ARCHIVE_PAGE_SIZE + 1, ...(after ? { after } : {}) },
    ),
    deps.directory.units(actor.tid),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const rows = page.rows.slice(0, ARCHIVE_PAGE_SIZE);
  // Who placed the holds on this page, by name (a handful of HR people).
  const names = new Map<string, string>();
  for (const oid of new Set(rows.flatMap((r) => (r.hold ? [r.hold.placedBy] : []))))
    names.set(oid, (await deps.directory.user(actor.tid, oid))?.name ?? oid);
  const last = rows[rows.length - 1];
  return {
    entries: rows.map((r) => ({
      conversationId: r.conversationId,
      part: r.part,
      year: r.period.slice(0, 4),
      templateKey: r.templateKey,
      templateName: builtInTemplate(r.templateKey)?.name ?? r.templateKey,
      period: r.period,
      unit: (r.unitId && unitName.get(r.unitId)) ?? '',
      employee: r.employeeName,
      leader: r.leaderName,
      archivedAt: r.archivedAt,
      disposeOn: r.disposeOn ?? retentionDate(r.archivedAt, retentionYears),
      hold: r.hold && { ...r.hold, placedBy: names.get(r.hold.placedBy) ?? r.hold.placedBy },
      file: `/api/conversations/${r.conversationId}/archive/${r.part}`,
    })),
    total: page.total,
    next:
      last && page.rows.length > ARCHIVE_PAGE_SIZE
        ? encodeCursor({ archivedAt: last.archivedAt, conversationId: last.conversationId, part: last.part })
        : null,
    years: page.years,
    units: units.map((u) => ({ id: u.id, name: u.name })),
  };
}
