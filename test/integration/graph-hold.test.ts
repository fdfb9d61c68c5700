// SharePoint's Retry-After is per app: with several instances on one PostgreSQL, the wait one of them
// is told of holds the others, so they do not each run into the same 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/adapters/db/database.ts';
import { migrate } from '../../src/adapters/db/migrate.ts';
import { appGraph, type AppGraph } from '../../src/adapters/graph/app-graph.ts';
import { postgresHold } from '../../src/adapters/graph/shared-hold.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import { createPostgresDatabase, postgresAvailable } from '../helpers/backends.ts';
import {
  ARCHIVE_APP,
  RECORD_LIBRARY,
  startSharePointFakes,
  type SharePointFakes,
} from '../helpers/sharepoint.ts';

describe.skipIf(!(await postgresAvailable()))(
  'Retry-After shared between instances through PostgreSQL',
  () => {
    let fakes: SharePointFakes;
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const database = await createPostgresDatabase();
      drop = database.drop;
      db = await openPostgres(database.url);
      await migrate(db);
      fakes = await startSharePointFakes();
      await fakes.provision();
    });
    afterAll(async () => {
      await fakes?.close();
      await db?.close();
      await drop?.();
    });

    const instance = (shared: boolean): AppGraph =>
      appGraph({
        tenantId: DEMO_TENANT_ID,
        ...ARCHIVE_APP,
        authorityHost: fakes.entra.url,
        graphUrl: fakes.graph.url,
        logger: createLogger('silent'),
        ...(shared ? { sharedHold: postgresHold(db, `${DEMO_TENANT_ID}/${ARCHIVE_APP.clientId}`) } : {}),
      });
    const readOne = (g: AppGraph) =>
      g.client.api(`/sites/${fakes.graph.siteId}/lists/${fakes.graph.list(RECORD_LIBRARY)!.id}/drive`).get();

    /** Instance A spends the window's budget and is told to wait; then B asks. Returns how many 429s there were. */
    async function scenario(shared: boolean): Promise<number> {
      const a = instance(shared);
      const b = instance(shared);
      // Tokens first, so the window holds only the requests that count.
      await a.tokenFor(fakes.graph.url);
      await b.tokenFor(fakes.graph.url);
      await new Promise((r) => setTimeout(r, 3100));
      fakes.graph.setBudget({ resourceUnits: 2, windowMs: 3000 });
      fakes.graph.stats.windowStart = fakes.graph.stats.firstWindowStart = 0;
      const throttled = fakes.graph.stats.throttled;
      try {
        await readOne(a);
        await readOne(a);
        const third = readOne(a); // 429, Retry-After: A waits, and retries in the next window
        while (fakes.graph.stats.throttled === throttled) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 50));
        await Promise.all([third, readOne(b)]);
        return fakes.graph.stats.throttled - throttled;
      } finally {
        fakes.graph.setBudget(undefined);
      }
    }

    it(
      'an instance that has not been throttled waits out the hold another was given, instead of its own 429',
      { timeout: 60_000 },
      async () => {
        // Each on its own: B runs into the same spent window.
        expect(await scenario(false)).toBe(2);
        // Shared: B learns of A's hold from the database and is never refused.
        await db.query('delete from graph_holds');
        expect(await scenario(true)).toBe(1);
      },
    );
  },
);
