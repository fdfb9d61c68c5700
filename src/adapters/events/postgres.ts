// Changes to conversations, told to the open pages of every instance: the database's own
// LISTEN/NOTIFY carries them between processes. A page open on one instance learns of a save made
// through another. Only the conversation id, who changed it and the kind of field travel.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../logger.ts';
import type { Change, ChangeFeed } from '../../ports.ts';
import type { PostgresConnection } from '../db/database.ts';
import { inProcessChangeFeed } from './in-process.ts';

const CHANNEL = 'samtale_changes';

export interface SharedChangeFeed extends ChangeFeed {
  close(): Promise<void>;
}

export async function postgresChangeFeed(
  connection: PostgresConnection,
  logger: Logger,
): Promise<SharedChangeFeed> {
  // This instance's own changes reach its pages at once; the notification is for the others.
  const local = inProcessChangeFeed();
  const instance = randomUUID();
  let listener: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ ...connection, application_name: 'samtale-changes' });
    c.on('notification', (n) => {
      try {
        const { from, change } = JSON.parse(n.payload ?? '') as { from: string; change: Change };
        if (from !== instance) local.publish(change);
      } catch {
        /* not ours */
      }
    });
    c.on('error', (e: Error) => {
      logger.warn('change feed connection lost; reconnecting', { error: e.message });
      listener = undefined;
      void c.end().catch(() => undefined);
      reconnect();
    });
    await c.connect();
    await c.query(`listen ${CHANNEL}`);
    listener = c;
  };
  // Every second until it is back: meanwhile this instance's own pages still hear its own changes.
  const reconnect = () => {
    if (closed) return;
    retry = setTimeout(
      () =>
        void connect().catch((e: unknown) => {
          logger.warn('change feed not reconnected yet', {
            error: e instanceof Error ? e.message : String(e),
          });
          reconnect();
        }),
      1000,
    );
  };
  await connect();

  // One notify statement at a time on the listening connection (pg queues overlapping queries and
  // warns); what is published meanwhile goes out together in the next one.
  let pending: string[] = [];
  let flushing = false;
  const flush = async () => {
    if (flushing) return;
    flushing = true;
    try {
      while (pending.length > 0 && listener) {
        const batch = pending;
        pending = [];
        await listener
          .query('select pg_notify($1, p) from unnest($2::text[]) as p', [CHANNEL, batch])
          .catch((e: unknown) =>
            logger.warn('changes not shared with the other instances', {
              count: batch.length,
              error: e instanceof Error ? e.message : String(e),
            }),
          );
      }
    } finally {
      flushing = false;
    }
  };

  return {
    publish(change) {
      local.publish(change);
      // Fire and forget: a page that misses a push still reads the conversation when it saves.
      // While the connection is being replaced, only the latest thousand wait (they are hints).
      if (pending.length >= 1000) pending.shift();
      pending.push(JSON.stringify({ from: instance, change }));
      void flush();
    },
    subscribe: (id, l) => local.subscribe(id, l),
    async close() {
      closed = true;
      clearTimeout(retry);
      await listener?.end().catch(() => undefined);
    },
  };
}
