// The databases every integration test runs against: PGlite always, and the PostgreSQL server
// when it is reachable. In CI it must be reachable, so its absence there fails the run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/adapters/db/database.ts';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database; drop() removes it. */
  create(): Promise<{ db: Database; drop: () => Promise<void> }>;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pglite: Backend = {
  name: 'pglite',
  async create() {
    const db = await openPglite('memory://');
    return { db, drop: () => db.close() };
  },
};

/** A fresh, empty PostgreSQL database on the test server: its URL, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `samtale_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: POSTGRES_URL });
      await a.connect();
      try {
        // The pool's connections are closing; wait for them rather than killing them mid-close.
        for (let i = 0; ; i++) {
          try {
            await a.query(`drop database if exists ${name}`);
            break;
          } catch (e) {
            if (i >= 50) throw e;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await a.end();
      }
    },
  };
}

const postgres: Backend = {
  name: 'postgres',
  async create() {
    const created = await createPostgresDatabase();
    const db = await openPostgres(created.url);
    return {
      db,
      async drop() {
        await db.close();
        await created.drop();
      },
    };
  },
};

/** Whether the PostgreSQL test server answers (in CI it must). */
export async function postgresAvailable(): Promise<boolean> {
  if (await postgresReachable()) return true;
  if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}, and CI requires it`);
  return false;
}

export async function backends(): Promise<Backend[]> {
  if (await postgresReachable()) return [pglite, postgres];
  if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}, and CI requires it`);
  process.stderr.write(
    `note: PostgreSQL not reachable at ${POSTGRES_URL}; integration tests run on PGlite only\n`,
  );
  return [pglite];
}
