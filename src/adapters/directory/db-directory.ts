import { applyDirectoryChange, type DirectoryRow } from '../../domain/directory.ts';
import type { AppRole } from '../../domain/policy.ts';
import type {
  Clock,
  Directory,
  DirectoryCopy,
  DirectorySource,
  DirectorySyncState,
  DirectoryUser,
  Unit,
} from '../../ports.ts';
import type { Database, Sql } from '../db/database.ts';
import { isoOrNull } from '../db/sql-store.ts';

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

/**
 * The local directory: the organisation held in the database (the demo organisation locally, Entra
 * ID's people as the sync keeps them in m365 mode). People who have left are not found.
 */
export function dbDirectory(db: Sql): Directory {
  return {
    async user(tid, oid) {
      const [r] = await db.query<UserRow>('select * from users where tid = $1 and oid = $2 and active', [
        tid,
        oid,
      ]);
      return r && toUser(r);
    },
    async directReports(tid, managerOid, page) {
      return (
        await db.query<UserRow>(
          `select * from users where tid = $1 and manager_oid = $2 and active
             and ($3::text is null or (name, oid) > ($3::text, $4::text))
           order by name, oid limit $5`,
          [tid, managerOid, page?.after?.name ?? null, page?.after?.oid ?? null, page?.limit ?? null],
        )
      ).map(toUser);
    },
    async countDirectReports(tid, managerOid) {
      const [r] = await db.query<{ n: number }>(
        'select count(*)::int as n from users where tid = $1 and manager_oid = $2 and active',
        [tid, managerOid],
      );
      return r?.n ?? 0;
    },
    async users(tid) {
      return (
        await db.query<UserRow>('select * from users where tid = $1 and active order by name', [tid])
      ).map(toUser);
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

/**
 * The synced copy, and for someone who signs in before the round that brings them (a new employee),
 * one read from Entra ID, kept in the copy. Someone not there either is asked for again only after
 * retryMs, so an unknown token cannot make every request call Graph.
 */
export function syncedDirectory(
  db: Database,
  source: DirectorySource,
  clock: Clock,
  retryMs = 60_000,
): Directory {
  const local = dbDirectory(db);
  const copy = directoryCopy(db);
  const missing = new Map<string, number>();
  return {
    ...local,
    async user(tid, oid) {
      const found = await local.user(tid, oid);
      if (found || tid !== source.tenantId) return found;
      const now = clock.now().getTime();
      if ((missing.get(oid) ?? -Infinity) > now - retryMs) return undefined;
      const known = await db.query<{ active: boolean }>(
        'select active from users where tid = $1 and oid = $2',
        [tid, oid],
      );
      if (known.length > 0) return undefined; // left, or disabled: the sync said so
      const change = await source.user(oid);
      if (!change) {
        if (missing.size >= 10_000) missing.clear();
        missing.set(oid, now);
        return undefined;
      }
      // Seen now: a full round under way that began earlier does not count them as gone.
      await copy.upsert(tid, [applyDirectoryChange(undefined, change)], now);
      return local.user(tid, oid);
    },
  };
}

interface CopyRow {
  oid: string;
  name: string;
  upn: string;
  unit_id: string | null;
  manager_oid: string | null;
  active: boolean;
}

/** The directory copy the sync writes: a page at a time, in one transaction, with where the round stands. */
export function directoryCopy(db: Database): DirectoryCopy & {
  upsert(tid: string, rows: readonly DirectoryRow[], round: number | null, tx?: Sql): Promise<void>;
} {
  const upsert = async (tid: string, rows: readonly DirectoryRow[], round: number | null, tx: Sql = db) => {
    const units = new Map(
      rows.flatMap((r) => (r.unitId && r.unitName ? [[r.unitId, r.unitName] as const] : [])),
    );
    if (units.size > 0)
      await tx.query(
        `insert into units (tid, id, name, parent_id) select $1, u.id, u.name, null from unnest($2::text[], $3::text[]) as u(id, name)
         on conflict (tid, id) do update set name = excluded.name`,
        [tid, [...units.keys()], [...units.values()]],
      );
    if (rows.length === 0) return;
    await tx.query(
      `insert into users (tid, oid, name, upn, unit_id, manager_oid, active, seen_round)
       select $1, u.oid, u.name, u.upn, u.unit_id, u.manager_oid, u.active, $8
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[]) as u(oid, name, upn, unit_id, manager_oid, active)
       on conflict (tid, oid) do update set name = excluded.name, upn = excluded.upn, unit_id = excluded.unit_id,
         manager_oid = excluded.manager_oid, active = excluded.active, seen_round = coalesce(excluded.seen_round, users.seen_round)`,
      [
        tid,
        rows.map((r) => r.oid),
        rows.map((r) => r.name),
        rows.map((r) => r.upn),
        rows.map((r) => r.unitId),
        rows.map((r) => r.managerOid),
        rows.map((r) => r.active),
        round,
      ],
    );
  };
  const saveState = (tx: Sql, tid: string, s: Omit<DirectorySyncState, 'rounds' | 'syncedAt'>) =>
    tx.query(
      `insert into directory_sync (tid, delta_link, next_link, round, full_round) values ($1, $2, $3, $4, $5)
       on conflict (tid) do update set delta_link = excluded.delta_link, next_link = excluded.next_link,
         round = excluded.round, full_round = excluded.full_round`,
      [tid, s.deltaLink, s.nextLink, s.round, s.fullRound],
    );
  return {
    upsert,
    async syncState(tid) {
      const [r] = await db.query<{
        delta_link: string | null;
        next_link: string | null;
        round: string | number | null;
        full_round: boolean;
        synced_at: unknown;
        rounds: number;
      }>('select * from directory_sync where tid = $1', [tid]);
      return (
        r && {
          deltaLink: r.delta_link,
          nextLink: r.next_link,
          round: r.round === null ? null : Number(r.round),
          fullRound: r.full_round,
          syncedAt: isoOrNull(r.synced_at),
          rounds: r.rounds,
        }
      );
    },
    async applyPage(tid, changes, state, lease) {
      return db.transaction(async (tx) => {
        const held = await tx.query(
          `update directory_sync set claimed_until = now() + make_interval(secs => $3::double precision / 1000)
           where tid = $1 and claimed_by = $2 returning tid`,
          [tid, lease.owner, lease.ms],
        );
        if (held.length === 0) throw new Error('directory sync: the lease was lost to another sync');
        const oids = [...new Set(changes.map((c) => c.oid))];
        const before = new Map(
          (
            await tx.query<CopyRow>(
              'select oid, name, upn, unit_id, manager_oid, active from users where tid = $1 and oid = any($2::text[])',
              [tid, oids],
            )
          ).map((r): [string, DirectoryRow] => [
            r.oid,
            {
              oid: r.oid,
              name: r.name,
              upn: r.upn,
              unitId: r.unit_id,
              managerOid: r.manager_oid,
              active: r.active,
            },
          ]),
        );
        const after = new Map<string, DirectoryRow>();
        for (const c of changes)
          after.set(c.oid, applyDirectoryChange(after.get(c.oid) ?? before.get(c.oid), c));
        const rows = [...after.values()];
        await upsert(tid, rows, state.fullRound ? state.round : null, tx);
        await saveState(tx, tid, state);
        const managerChanged = rows
          .filter((r) => {
            const b = before.get(r.oid);
            return b !== undefined && r.active && b.managerOid !== r.managerOid;
          })
          .map((r) => ({ oid: r.oid, managerOid: r.managerOid }));
        return {
          changed: rows.filter((r) => r.active).length,
          removed: rows.filter((r) => !r.active && before.get(r.oid)?.active !== false).length,
          managerChanged,
        };
      });
    },
    async finishRound(tid, deltaLink, at) {
      return db.transaction(async (tx) => {
        const [s] = await tx.query<{ round: string | number | null; full_round: boolean }>(
          'select round, full_round from directory_sync where tid = $1 for update',
          [tid],
        );
        let left = 0;
        if (s?.full_round && s.round !== null)
          left = (
            await tx.query(
              'update users set active = false where tid = $1 and active and (seen_round is null or seen_round < $2) returning oid',
              [tid, s.round],
            )
          ).length;
        await tx.query(
          `update directory_sync set delta_link = $2, next_link = null, full_round = false, synced_at = $3, rounds = rounds + 1
           where tid = $1`,
          [tid, deltaLink, at],
        );
        return { left };
      });
    },
    async claim(tid, owner, leaseMs) {
      const rows = await db.query(
        `insert into directory_sync (tid, claimed_by, claimed_until)
           values ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
         on conflict (tid) do update set claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
           where directory_sync.claimed_until is null or directory_sync.claimed_until < now()
         returning tid`,
        [tid, owner, leaseMs],
      );
      return rows.length > 0;
    },
    async release(tid, owner) {
      await db.query(
        'update directory_sync set claimed_by = null, claimed_until = null where tid = $1 and claimed_by = $2',
        [tid, owner],
      );
    },
    async restart(tid) {
      await db.query(
        'update directory_sync set delta_link = null, next_link = null, round = null, full_round = true where tid = $1',
        [tid],
      );
    },
  };
}
