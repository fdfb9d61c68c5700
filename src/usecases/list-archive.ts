import type { ArchiveListing } from '../contract/views.ts';
import { canBrowseArchive, canSeeSalaryCopies, type Actor } from '../domain/policy.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import { AppError } from '../errors/catalogue.ts';
import type { ArchivePageCursor } from '../ports.ts';
import type { Deps } from './support.ts';

export interface ArchiveFilter {
  year?: string | undefined;
  templateKey?: string | undefined;
  unitId?: string | undefined;
  after?: string | undefined;
}

export const ARCHIVE_PAGE_SIZE = 50;

const encode = (c: ArchivePageCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
const decode = (s: string): ArchivePageCursor => {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as Partial<ArchivePageCursor>;
    if (
      typeof c.archivedAt === 'string' &&
      !Number.isNaN(Date.parse(c.archivedAt)) &&
      typeof c.conversationId === 'string' &&
      (c.part === 'record' || c.part === 'salary')
    )
      return { archivedAt: c.archivedAt, conversationId: c.conversationId, part: c.part };
  } catch {
    // falls through to the refusal below
  }
  throw new AppError('VALIDATION_FAILED', {
    in: 'query',
    issues: [{ path: 'after', message: 'not a page of this list' }],
  });
};

/**
 * HR browses the archive by year, type and unit, a page at a time, newest first. Salary copies are
 * listed only for HR with HR.Salary.
 */
export async function listArchive(deps: Deps, actor: Actor, filter: ArchiveFilter): Promise<ArchiveListing> {
  if (!canBrowseArchive(actor)) throw new AppError('FORBIDDEN');
  const after = filter.after ? decode(filter.after) : undefined;
  const [page, units] = await Promise.all([
    deps.store.archivePage(
      actor.tid,
      {
        year: filter.year,
        templateKey: filter.templateKey,
        unitId: filter.unitId,
        salary: canSeeSalaryCopies(actor),
      },
      { limit: ARCHIVE_PAGE_SIZE, ...(after ? { after } : {}) },
    ),
    deps.directory.units(actor.tid),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const last = page.rows[page.rows.length - 1];
  return {
    entries: page.rows.map((r) => ({
      conversationId: r.conversationId,
      part: r.part,
      year: r.path.slice(0, 4),
      templateKey: r.templateKey,
      templateName: builtInTemplate(r.templateKey)?.name ?? r.templateKey,
      period: r.period,
      unit: (r.unitId && unitName.get(r.unitId)) ?? '',
      employee: r.employeeName,
      leader: r.leaderName,
      archivedAt: r.archivedAt,
      file: `/api/conversations/${r.conversationId}/archive/${r.part}`,
    })),
    total: page.total,
    next:
      last && page.rows.length === ARCHIVE_PAGE_SIZE
        ? encode({ archivedAt: last.archivedAt, conversationId: last.conversationId, part: last.part })
        : null,
    years: page.years,
    units: units.map((u) => ({ id: u.id, name: u.name })),
  };
}
