import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, backends } from '../helpers/backends.ts';
import { DEMO, startTestApp, type TestApp } from '../helpers/harness.ts';

const postgres = (await backends()).find((b) => b.name === 'postgres');

describe.runIf(postgres)('PostgreSQL drops every connection (restart, failover, admin kill)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(postgres!);
  });
  afterAll(() => t.close());

  it('the service stays up and the next request is served on a fresh connection', async () => {
    const ola = await t.as(DEMO.ola);
    expect((await ola('GET', '/api/conversations')).status).toBe(200);
    const [row] = await t.app.db.query<{ db: string }>('select current_database() as db');
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const killed = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [row!.db],
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // The pool dropped the dead connections as they died, so the very next request succeeds.
    expect((await ola('GET', '/api/conversations')).status).toBe(200);
    expect((await ola('GET', '/api/me')).status).toBe(200);
  });
});
