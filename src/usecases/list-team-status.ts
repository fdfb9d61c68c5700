import type { TeamView } from '../contract/views.ts';
import type { Actor } from '../domain/policy.ts';
import { currentPeriod, statusView, type Deps } from './support.ts';

/** A leader's direct reports and the status (never content) of each one's conversations this period. */
export async function listTeamStatus(deps: Deps, actor: Actor, period?: string): Promise<TeamView> {
  const p = period ?? currentPeriod(deps);
  const reports = await deps.directory.directReports(actor.tid, actor.oid);
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
  return { period: p, members };
}
