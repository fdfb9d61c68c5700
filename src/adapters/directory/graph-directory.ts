// Who leads whom, from Entra ID through Microsoft Graph (app-only, User.Read.All): users with their
// manager, direct reports, and the department as the unit. Only the fields used are selected; lists
// are paged; wrap it in cachedDirectory for a bounded age. App roles come from the user's token.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { slug } from '../../domain/archive.ts';
import type { Directory, DirectoryUser, Unit } from '../../ports.ts';
import type { AppGraph } from '../graph/app-graph.ts';

const FIELDS = ['id', 'displayName', 'userPrincipalName', 'department', 'accountEnabled'];

interface GraphUser {
  id: string;
  displayName: string | null;
  userPrincipalName: string | null;
  department: string | null;
  accountEnabled: boolean | null;
  manager?: { id: string } | null;
}

export function graphDirectory(graph: AppGraph, tenantId: string): Directory {
  const toUser = (u: GraphUser, managerOid: string | null): DirectoryUser => ({
    tid: tenantId,
    oid: u.id,
    name: u.displayName ?? u.userPrincipalName ?? u.id,
    upn: u.userPrincipalName ?? '',
    unitId: u.department ? slug(u.department) : null,
    managerOid,
    roles: [],
  });

  async function all(path: string, expandManager: boolean): Promise<GraphUser[]> {
    const out: GraphUser[] = [];
    let request = graph.client.api(path).select(FIELDS).top(999);
    if (expandManager) request = request.expand('manager($select=id)');
    let page = (await request.get()) as { value: GraphUser[]; '@odata.nextLink'?: string };
    out.push(...page.value);
    while (page['@odata.nextLink']) {
      page = (await graph.client.api(page['@odata.nextLink']).get()) as typeof page;
      out.push(...page.value);
    }
    return out.filter((u) => u.accountEnabled !== false);
  }

  return {
    async user(tid, oid) {
      if (tid !== tenantId) return undefined;
      try {
        const u = (await graph.client
          .api(`/users/${encodeURIComponent(oid)}`)
          .select(FIELDS)
          .expand('manager($select=id)')
          .get()) as GraphUser;
        return u.accountEnabled === false ? undefined : toUser(u, u.manager?.id ?? null);
      } catch (e) {
        if (e instanceof GraphError && e.statusCode === 404) return undefined;
        throw e;
      }
    },
    async directReports(tid, managerOid) {
      if (tid !== tenantId) return [];
      try {
        return (
          await all(`/users/${encodeURIComponent(managerOid)}/directReports/microsoft.graph.user`, false)
        ).map((u) => toUser(u, managerOid));
      } catch (e) {
        if (e instanceof GraphError && e.statusCode === 404) return [];
        throw e;
      }
    },
    async users(tid) {
      if (tid !== tenantId) return [];
      return (await all('/users', true)).map((u) => toUser(u, u.manager?.id ?? null));
    },
    async units(tid): Promise<Unit[]> {
      if (tid !== tenantId) return [];
      const departments = new Set(
        (await all('/users', false)).flatMap((u) => (u.department ? [u.department] : [])),
      );
      return [...departments].sort().map((name) => ({ id: slug(name), name, parentId: null }));
    },
  };
}
