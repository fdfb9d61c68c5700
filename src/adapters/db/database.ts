import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { managedIdentityPostgresToken } from './entra-token.ts';

export interface Sql {
  query<T extends object>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Sql {
  readonly dialect: 'pglite' | 'postgres';
  /** The underlying handle, for pg-boss, which runs its own SQL on the same database. */
  readonly raw:
    { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url: string; connection: PostgresConnection };
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DatabaseInUseError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return typeof e === 'object' && e !== null && 'code' in e && e.code === 'EPERM';
  }
}

/**
 * PGlite runs inside one process; two processes on one folder would corrupt it. A lock file with
 * the owner's pid refuses a second opener and is taken over when its owner is gone.
 */
const heldHere = new Set<string>();

function lockFolder(dataDir: string): () => void {
  const path = join(dataDir, 'samtale.lock');
  if (heldHere.has(path))
    throw new DatabaseInUseError(`The database in ${dataDir} is already open in this process.`);
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(path, 'utf8'));
    if (owner > 0 && owner !== process.pid && processAlive(owner))
      throw new DatabaseInUseError(
        `The database in ${dataDir} is in use by process ${owner}. Stop that Samtale first.`,
      );
    writeFileSync(path, String(process.pid));
  }
  heldHere.add(path);
  return () => {
    heldHere.delete(path);
    rmSync(path, { force: true });
  };
}

/** PGlite in a folder (or in memory with dataDir "memory://"), one process, one connection. */
export async function openPglite(dataDir: string): Promise<Database> {
  const memory = dataDir.startsWith('memory://');
  if (!memory) mkdirSync(dataDir, { recursive: true });
  const unlock = memory ? () => undefined : lockFolder(dataDir);
  const db = await PGlite.create(dataDir).catch((e: unknown) => {
    unlock();
    throw e;
  });
  // PGlite has one connection: a query on it from inside one of its transactions would wait forever.
  // Fail loudly instead, so such a bug shows in tests rather than as a hang.
  const inTransaction = new AsyncLocalStorage<true>();
  const outside = <T>(fn: () => Promise<T>) => {
    if (inTransaction.getStore())
      return Promise.reject(
        new Error('PGlite: query on the database inside a transaction; use the transaction'),
      );
    return fn();
  };
  const run = async <T extends object>(q: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]) =>
    (await q.query<T>(text, params ? [...params] : undefined)).rows;
  return {
    dialect: 'pglite',
    raw: { kind: 'pglite', pglite: db },
    query: (text, params) => outside(() => run(db, text, params)),
    exec: (script) =>
      outside(async () => {
        await db.exec(script);
      }),
    transaction: (fn) =>
      outside(() =>
        db.transaction((tx) =>
          inTransaction.run(true, () =>
            fn({
              query: (text, params) => run(tx, text, params),
              exec: async (script) => {
                await tx.exec(script);
              },
            }),
          ),
        ),
      ),
    close: async () => {
      await db.close();
      unlock();
    },
  };
}

/** How PostgreSQL checks who connects: the password in the URL, or an Entra token (DATABASE_AUTH). */
export type DatabaseAuth = 'password' | 'entra';

/** The connection settings for node-postgres (and pg-boss, which takes the same). */
export type PostgresConnection =
  | { connectionString: string }
  | {
      host: string;
      port: number;
      database: string;
      user: string;
      ssl: true;
      password: () => Promise<string>;
    };

/**
 * With Entra authentication the password is the app's managed identity token, a function node-postgres
 * calls per connection. The URL is split into its parts here because a connectionString would override
 * that function with the URL's empty password. A token is a credential: TLS (verified) always.
 */
export function postgresConnection(
  url: string,
  auth: DatabaseAuth,
  token: () => Promise<string> = managedIdentityPostgresToken(),
): PostgresConnection {
  if (auth === 'password') return { connectionString: url };
  const u = new URL(url);
  if (u.password) throw new Error('DATABASE_URL: no password with DATABASE_AUTH=entra');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username),
    ssl: true,
    password: token,
  };
}

/** A PostgreSQL server through a pool. */
export async function openPostgres(
  url: string,
  max = 10,
  onIdleError: (e: Error) => void = () => undefined,
  auth: DatabaseAuth = 'password',
): Promise<Database> {
  const connection = postgresConnection(url, auth);
  const pool = new pg.Pool({ ...connection, max });
  // An idle connection can die (server restart, failover, admin kill). The pool replaces it on the
  // next query; without this listener the error would be uncaught and end the process.
  pool.on('error', onIdleError);
  // Keep int8 (identity columns, counts) as numbers; values here stay far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  const client = await pool.connect();
  client.release();
  const run = async <T extends object>(
    q: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ) => (await q.query(text, params ? [...params] : undefined)).rows as T[];
  return {
    dialect: 'postgres',
    raw: { kind: 'postgres', url, connection },
    query: (text, params) => run(pool, text, params),
    exec: async (script) => {
      await pool.query(script);
    },
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const result = await fn({
          query: (text, params) => run(c, text, params),
          exec: async (script) => {
            await c.query(script);
          },
        });
        await c.query('commit');
        return result;
      } catch (error) {
        await c.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}
