import { z } from 'zod';
import type { TeamView } from '../contract/views.ts';
import type { Actor } from '../domain/policy.ts';
import { decodeCursor, encodeCursor } from './paging.ts';
import { currentPeriod, statusView, type Deps } from './support.ts';

export const TEAM_PAGE_SIZE = 50;

// Where a page of the team begins: the last person of the page before, by name.
const CURSOR = z.object({ name: z.string(), oid: z.string() });

/**
 * A leader's direct reports, a page at a time by name, and the status (never content) of each one's
 * conversations this period.
 */
export async function listTeamStatus(
  deps: Deps,
  actor: Actor,
  query: { period?: string | undefined; after?: string | undefined } = {},
): Promise<TeamView> {
  const p = query.period ?? currentPeriod(deps);
  const after = query.after ? decodeCursor(query.after, CURSOR) : undefined;
  // One more than a page: whether another page follows.
  const [read, total] = await Promise.all([
    deps.directory.directReports(actor.tid, actor.oid, {
      limit: TEAM_PAGE_SIZE + 1,
      ...(after ? { after } : {}),
    }),
    deps.directory.countDirectReports(actor.tid, actor.oid),
  ]);
  const reports = read.slice(0, TEAM_PAGE_SIZE);
  const conversations = await deps.store.conversationsOfEmployees(
    actor.tid,
    reports.map((r) => r.oid),
    p,
  );
  const members = await Promise.all(
    reports.map(async (r) => ({
      oid: r.oid,
      name: r.name,
      conversations: await Promise.all(
        conversations.filter((c) => c.employeeOid === r.oid).map((c) => statusView(deps, c)),
      ),
    })),
  );
  const last = reports[reports.length - 1];
  return {
    period: p,
    members,
    total,
    next: last && read.length > TEAM_PAGE_SIZE ? encodeCursor({ name: last.name, oid: last.oid }) : null,
  };
}
