import type { AppRole } from '../../domain/policy.ts';
import type { Directory, DirectoryUser, Unit } from '../../ports.ts';
import type { Sql } from '../db/database.ts';

interface UserRow {
  tid: string;
  oid: string;
  name: string;
  upn: string;
  unit_id: string | null;
  manager_oid: string | null;
  roles: AppRole[];
}
const toUser = (r: UserRow): DirectoryUser => ({
  tid: r.tid,
  oid: r.oid,
  name: r.name,
  upn: r.upn,
  unitId: r.unit_id,
  managerOid: r.manager_oid,
  roles: r.roles,
});

/** The local directory: the organisation held in the database (the demo organisation by default). */
export function dbDirectory(db: Sql): Directory {
  return {
    async user(tid, oid) {
      const [r] = await db.query<UserRow>('select * from users where tid = $1 and oid = $2', [tid, oid]);
      return r && toUser(r);
    },
    async directReports(tid, managerOid) {
      return (
        await db.query<UserRow>('select * from users where tid = $1 and manager_oid = $2 order by name', [
          tid,
          managerOid,
        ])
      ).map(toUser);
    },
    async users(tid) {
      return (await db.query<UserRow>('select * from users where tid = $1 order by name', [tid])).map(toUser);
    },
    async units(tid) {
      const rows = await db.query<{ id: string; name: string; parent_id: string | null }>(
        'select * from units where tid = $1 order by id',
        [tid],
      );
      return rows.map((r): Unit => ({ id: r.id, name: r.name, parentId: r.parent_id }));
    },
  };
}

export async function upsertDirectory(
  db: Sql,
  tid: string,
  units: Unit[],
  users: Omit<DirectoryUser, 'tid'>[],
): Promise<void> {
  for (const u of units) {
    await db.query(
      'insert into units (tid, id, name, parent_id) values ($1,$2,$3,$4) on conflict (tid, id) do update set name = excluded.name, parent_id = excluded.parent_id',
      [tid, u.id, u.name, u.parentId],
    );
  }
  for (const u of users) {
    await db.query(
      `insert into users (tid, oid, name, upn, unit_id, manager_oid, roles) values ($1,$2,$3,$4,$5,$6,$7)
       on conflict (tid, oid) do update set name = excluded.name, upn = excluded.upn, unit_id = excluded.unit_id,
         manager_oid = excluded.manager_oid, roles = excluded.roles`,
      [tid, u.oid, u.name, u.upn, u.unitId, u.managerOid, u.roles],
    );
  }
}
