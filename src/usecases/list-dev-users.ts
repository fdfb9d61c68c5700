import type { DevLogin } from './login-dev-user.ts';

/** Local mode only: the demo users with their roles, for the user picker. */
export async function listDevUsers(dev: DevLogin) {
  const [users, units] = await Promise.all([
    dev.directory.users(dev.tenantId),
    dev.directory.units(dev.tenantId),
  ]);
  return users.map((u) => ({
    userId: u.oid,
    name: u.name,
    upn: u.upn,
    roles: u.roles,
    unit: units.find((x) => x.id === u.unitId)?.name ?? null,
    managerId: u.managerOid,
    isLeader: users.some((r) => r.managerOid === u.oid),
  }));
}
