// A person in the local copy of the directory, and how one delta change alters them.
import { slug } from './archive.ts';

export interface DirectoryRow {
  oid: string;
  name: string;
  upn: string;
  unitId: string | null;
  /** The department's name, when the change named one: the unit it becomes. */
  unitName?: string;
  managerOid: string | null;
  active: boolean;
}

/**
 * One person as a delta round reports them. A field left undefined did not change (an incremental
 * round carries only what changed); managerOid null means the manager was removed.
 */
export interface DirectoryChangeInput {
  oid: string;
  removed?: boolean;
  name?: string | null;
  upn?: string | null;
  department?: string | null;
  enabled?: boolean | null;
  managerOid?: string | null;
}

/**
 * The person after a change. Fields the change leaves out stay as they were (an incremental round
 * carries only what changed). Someone removed or disabled stays as an inactive row, so conversations
 * they took part in keep their name. A person never seen before without a name gets their sign-in
 * name, or their id as a last resort.
 */
export function applyDirectoryChange(
  before: DirectoryRow | undefined,
  c: DirectoryChangeInput,
): DirectoryRow {
  if (c.removed)
    return before
      ? { ...before, active: false }
      : { oid: c.oid, name: c.oid, upn: '', unitId: null, managerOid: null, active: false };
  const upn = c.upn !== undefined ? (c.upn ?? '') : (before?.upn ?? '');
  const name =
    c.name !== undefined && c.name !== null && c.name.trim() !== ''
      ? c.name
      : (before?.name ?? (upn || c.oid));
  const department = c.department === undefined ? undefined : c.department?.trim() || null;
  return {
    oid: c.oid,
    name,
    upn,
    unitId: department === undefined ? (before?.unitId ?? null) : department ? slug(department) : null,
    ...(department ? { unitName: department } : {}),
    managerOid: c.managerOid !== undefined ? c.managerOid : (before?.managerOid ?? null),
    active: c.enabled !== undefined && c.enabled !== null ? c.enabled : (before?.active ?? true),
  };
}
