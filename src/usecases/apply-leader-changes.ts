import { nowIso, type Deps } from './support.ts';

const SYSTEM = 'system:directory';

/**
 * Follows the directory: a conversation that has not been held yet moves to the employee's current
 * leader. Held, signed and archived conversations keep the leader who held them. Audited. Given the
 * employees whose manager changed (from a directory sync), only their conversations are looked at.
 */
export async function applyLeaderChanges(
  deps: Deps,
  tid: string,
  newManagers?: ReadonlyMap<string, string | null>,
): Promise<{ moved: number }> {
  let moved = 0;
  if (newManagers?.size === 0) return { moved };
  const employeeOids = newManagers ? [...newManagers.keys()] : undefined;
  for (const status of ['planned', 'preparing'] as const) {
    for (const c of await deps.store.conversationsInTenant({
      tid,
      status,
      ...(employeeOids ? { employeeOids } : {}),
    })) {
      const leader = newManagers
        ? newManagers.get(c.employeeOid)
        : (await deps.directory.user(tid, c.employeeOid))?.managerOid;
      if (!leader || leader === c.leaderOid) continue;
      await deps.store.transaction(async (tx) => {
        const at = nowIso(deps);
        const updated = await tx.changeLeader(c.id, leader, at);
        if (!updated) return;
        await tx.appendAudit({
          tid,
          at,
          actorOid: SYSTEM,
          action: 'conversation.leader-changed',
          subject: c.id,
          data: { from: c.leaderOid, to: leader },
        });
        moved++;
      });
    }
  }
  return { moved };
}
