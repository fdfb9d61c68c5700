// Background work on pg-boss, in the same database as the data: PGlite locally, PostgreSQL in
// production, where any number of instances share the queue.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Logger } from '../../logger.ts';

export const ARCHIVE_QUEUE = 'archive-record';
const SWEEP_QUEUE = 'archive-sweep';

export interface JobHandlers {
  archiveRecord(conversationId: string): Promise<void>;
  /** Signed records not yet archived: the sweep's catch-up list after a crash or downtime. */
  awaitingArchive(): Promise<string[]>;
}

export interface Jobs {
  enqueueArchive(conversationId: string): Promise<void>;
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export async function startJobs(db: Database, handlers: JobHandlers, logger: Logger, opts: { pollingSeconds?: number } = {}): Promise<Jobs> {
  const boss =
    db.raw.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(db.raw.pglite), backend: 'pglite', schema: 'pgboss', superviseIntervalSeconds: 10 })
      : new PgBoss({ connectionString: db.raw.url, schema: 'pgboss', max: 4, superviseIntervalSeconds: 10 });
  boss.on('error', (e: Error) => logger.error('job queue error', { error: e.message }));
  await boss.start();
  // One queued or active archive job per record; retried with growing, jittered delays. A job held by
  // a worker that died (a crash, a kill) expires after 30 s and is retried; archiving takes well under that.
  await boss.createQueue(ARCHIVE_QUEUE, { policy: 'singleton', retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 30 });
  await boss.createQueue(SWEEP_QUEUE, { policy: 'singleton', retryLimit: 0 });

  const enqueueArchive = async (conversationId: string) => {
    await boss.send(ARCHIVE_QUEUE, { conversationId }, { singletonKey: conversationId });
  };
  const sweep = async () => {
    const ids = await handlers.awaitingArchive();
    for (const id of ids) await enqueueArchive(id);
    return ids.length;
  };

  // Idle, the worker polls every 2 s (little load on PGlite's single connection). With a backlog it
  // takes batches and keeps fetching while they come back full. A failed batch is retried whole,
  // which is safe: archiving a record that is already archived changes nothing.
  await boss.work<{ conversationId: string }>(ARCHIVE_QUEUE, { pollingIntervalSeconds: opts.pollingSeconds ?? 2, batchSize: 4, burstWhenBatchFull: true }, async (jobs) => {
    for (const job of jobs) await handlers.archiveRecord(job.data.conversationId);
  });
  await boss.work(SWEEP_QUEUE, async () => void (await sweep()));
  await boss.schedule(SWEEP_QUEUE, '* * * * *', null, { tz: 'Europe/Oslo' });
  // Catch up at once: anything signed while the service was down is archived now.
  await sweep();

  return { enqueueArchive, sweep, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
