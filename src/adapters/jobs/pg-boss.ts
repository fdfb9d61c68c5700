// Background work on pg-boss, in the same database as the data: PGlite locally, PostgreSQL in
// production, where any number of instances share the queue.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Logger } from '../../logger.ts';

// v2: one queued-or-active job per record (exclusive) with a heartbeat; the first queue had neither.
export const ARCHIVE_QUEUE = 'archive-record-v2';
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
  // One queued or active archive job per record; retried with growing, jittered delays. A live worker
  // sends a heartbeat, so a job may wait out SharePoint throttling for minutes; a job held by a worker
  // that died (a crash, a kill) misses its heartbeat and is retried after 10–20 s.
  await boss.createQueue(ARCHIVE_QUEUE, { policy: 'exclusive', retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 1800, heartbeatSeconds: 10 });
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
  // takes batches and keeps fetching while they come back full. A batch's records are archived side
  // by side (SharePoint round trips dominate), and each job is settled on its own.
  await boss.work<{ conversationId: string }>(ARCHIVE_QUEUE, { pollingIntervalSeconds: opts.pollingSeconds ?? 2, batchSize: 6, burstWhenBatchFull: true, perJobResults: true }, async (jobs) =>
    Promise.all(
      jobs.map(async (job) => {
        try {
          await handlers.archiveRecord(job.data.conversationId);
          return { id: job.id, status: 'completed' as const };
        } catch (e) {
          logger.warn('archiving failed; it will be retried', { conversation: job.data.conversationId, error: e instanceof Error ? e.message : String(e) });
          return { id: job.id, status: 'failed' as const, output: { message: e instanceof Error ? e.message : String(e) } };
        }
      }),
    ),
  );
  await boss.work(SWEEP_QUEUE, async () => void (await sweep()));
  await boss.schedule(SWEEP_QUEUE, '* * * * *', null, { tz: 'Europe/Oslo' });
  // Catch up at once: anything signed while the service was down is archived now.
  await sweep();

  return { enqueueArchive, sweep, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
