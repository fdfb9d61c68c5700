// Entra ID's people through Microsoft Graph (app-only, User.Read.All), read as delta rounds: the first
// round brings everyone, later ones only what changed (users, their manager, their department as the
// unit). Only the fields used are selected. App roles come from the user's token, not from here.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { DirectoryResyncRequired, type DirectoryChange, type DirectorySource } from '../../ports.ts';
import type { AppGraph } from '../graph/app-graph.ts';

const FIELDS = ['displayName', 'userPrincipalName', 'department', 'accountEnabled'];

interface DeltaUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  department?: string | null;
  accountEnabled?: boolean | null;
  '@removed'?: { reason: string };
  'manager@delta'?: { id: string; '@removed'?: { reason: string } }[];
  manager?: { id: string } | null;
}

interface DeltaResponse {
  value: DeltaUser[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

// What Graph answers when a delta link's state is gone: 410 Gone, or one of these codes.
const RESYNC_CODES = new Set(['resyncRequired', 'syncStateNotFound', 'syncStateInvalid']);

const toChange = (u: DeltaUser): DirectoryChange => {
  if (u['@removed']) return { oid: u.id, removed: true };
  const change: DirectoryChange = { oid: u.id };
  if ('displayName' in u) change.name = u.displayName ?? null;
  if ('userPrincipalName' in u) change.upn = u.userPrincipalName ?? null;
  if ('department' in u) change.department = u.department ?? null;
  if ('accountEnabled' in u) change.enabled = u.accountEnabled ?? null;
  const managers = u['manager@delta'];
  if (managers) {
    const current = managers.find((m) => !m['@removed']);
    change.managerOid = current ? current.id : null;
  } else if ('manager' in u) change.managerOid = u.manager?.id ?? null;
  return change;
};

export function graphDirectorySource(graph: AppGraph, tenantId: string): DirectorySource {
  return {
    tenantId,
    async deltaPage(link) {
      try {
        const page = (await (link
          ? graph.client.api(link).get()
          : graph.client
              .api('/users/delta')
              .select([...FIELDS, 'manager'])
              .get())) as DeltaResponse;
        return {
          changes: page.value.map(toChange),
          ...(page['@odata.nextLink'] ? { next: page['@odata.nextLink'] } : {}),
          ...(page['@odata.deltaLink'] ? { deltaLink: page['@odata.deltaLink'] } : {}),
        };
      } catch (e) {
        if (e instanceof GraphError && (e.statusCode === 410 || RESYNC_CODES.has(e.code ?? '')))
          throw new DirectoryResyncRequired(`${e.statusCode} ${e.code ?? ''}`.trim());
        throw e;
      }
    },
    async user(oid) {
      try {
        const u = (await graph.client
          .api(`/users/${encodeURIComponent(oid)}`)
          .select(['id', ...FIELDS])
          .expand('manager($select=id)')
          .get()) as DeltaUser;
        return toChange({ ...u, manager: u.manager ?? null });
      } catch (e) {
        if (e instanceof GraphError && e.statusCode === 404) return undefined;
        throw e;
      }
    },
  };
}
