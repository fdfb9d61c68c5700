// The Retry-After hold in PostgreSQL, for several instances calling Graph as one app: the latest wait
// any of them was told of, per app and tenant.
import type { Sql } from '../db/database.ts';
import type { SharedHold } from './app-graph.ts';

export function postgresHold(db: Sql, app: string): SharedHold {
  return {
    async read() {
      const [r] = await db.query<{ ms: string | number }>(
        'select (extract(epoch from not_before) * 1000)::bigint as ms from graph_holds where app = $1',
        [app],
      );
      return r ? Number(r.ms) : 0;
    },
    async write(notBefore) {
      await db.query(
        `insert into graph_holds (app, not_before) values ($1, to_timestamp($2::double precision / 1000))
         on conflict (app) do update set not_before = greatest(graph_holds.not_before, excluded.not_before)`,
        [app, notBefore],
      );
    },
  };
}
