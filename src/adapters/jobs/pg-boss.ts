// Background work on pg-boss, in the same database as the data: PGlite locally, PostgreSQL in
// production, where any number of instances share the queue.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Logger } from '../../logger.ts';
import type { DocumentJob } from '../../ports.ts';
import { electLeader } from './leader.ts';

// v2: one queued-or-active job per record (exclusive) with a heartbeat; the first queue had neither.
export const ARCHIVE_QUEUE = 'archive-record-v2';
const SWEEP_QUEUE = 'archive-sweep';
export const DOCUMENT_ARCHIVE_QUEUE = 'archive-document';
export const REMINDER_QUEUE = 'send-reminder';
const REMINDER_SWEEP_QUEUE = 'reminder-sweep';
const DIRECTORY_QUEUE = 'directory-sync';
const AUDIT_ANCHOR_QUEUE = 'audit-anchor';
const RETENTION_QUEUE = 'retention';
/** Teams counts the app's messages per tenant in one-second windows. */
const TEAMS_APP_WINDOW_MS = 1_000;

export interface JobHandlers {
  archiveRecord(conversationId: string): Promise<void>;
  /** Signed records not yet archived: the sweep's catch-up list after a crash or downtime. */
  awaitingArchive(): Promise<string[]>;
  archiveDocument(job: DocumentJob): Promise<void>;
  /** Plans adopted or closed, and rounds finished, whose copy is not yet archived. */
  documentsAwaitingArchive(): Promise<DocumentJob[]>;
  /** Records what is due in the outbox; returns the bundles to send. */
  sweepReminders(): Promise<string[]>;
  /** `sendingSince`: when this instance became the sender (claims older than that are a dead sender's). */
  sendReminder(outboxId: string, sendingSince: Date | null): Promise<void>;
  /** Bundles recorded but not yet sent: the catch-up list after a crash. */
  unsentReminders(): Promise<string[]>;
  /** Bundles a sender claimed before `since` and never finished: it died mid-send. */
  abandonedReminders(since: Date): Promise<string[]>;
  /** Brings the directory's changes in (m365) and moves conversations not yet held to the employee's current leader. */
  syncDirectory(): Promise<void>;
  /** Minutes between two directory syncs. */
  directorySyncMinutes: number;
  /** Writes the audit chain's head into the archive as a checkpoint. */
  anchorAuditTrail(): Promise<void>;
  /** Deletes what has passed its kassasjonsdato (and unshared preparation), unless held. */
  runRetention(): Promise<void>;
}

export interface Jobs {
  enqueueArchive(conversationId: string): Promise<void>;
  enqueueDocument(job: DocumentJob): Promise<void>;
  sweep(): Promise<number>;
  sweepReminders(): Promise<number>;
  /** Whether this instance runs the outbound work now (always, on PGlite). */
  leading(): boolean;
  stop(): Promise<void>;
}

type Settled = { id: string; status: 'completed' | 'failed'; output?: { message: string } };

/** Runs a batch side by side and settles each job on its own. */
async function settleEach<T>(
  jobs: { id: string; data: T }[],
  run: (data: T) => Promise<void>,
  logger: Logger,
  what: string,
): Promise<Settled[]> {
  return Promise.all(
    jobs.map(async (job): Promise<Settled> => {
      try {
        await run(job.data);
        return { id: job.id, status: 'completed' };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        logger.warn(`${what} failed; it will be retried`, { job: job.id, error: message });
        return { id: job.id, status: 'failed', output: { message } };
      }
    }),
  );
}

export async function startJobs(
  db: Database,
  handlers: JobHandlers,
  logger: Logger,
  opts: { pollingSeconds?: number } = {},
): Promise<Jobs> {
  const boss =
    db.raw.kind === 'pglite'
      ? new PgBoss({
          db: fromPglite(db.raw.pglite),
          backend: 'pglite',
          schema: 'pgboss',
          superviseIntervalSeconds: 10,
        })
      : // The same connection settings as the app's pool, Entra token function included.
        new PgBoss({ ...db.raw.connection, schema: 'pgboss', max: 4, superviseIntervalSeconds: 10 });
  boss.on('error', (e: Error) => logger.error('job queue error', { error: e.message }));
  await boss.start();
  // One queued or active archive job per record; retried with growing, jittered delays. A live worker
  // sends a heartbeat, so a job may wait out SharePoint throttling for minutes; a job held by a worker
  // that died (a crash, a kill) misses its heartbeat and is retried after 10–20 s.
  await boss.createQueue(ARCHIVE_QUEUE, {
    policy: 'exclusive',
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 1800,
    heartbeatSeconds: 10,
  });
  await boss.createQueue(SWEEP_QUEUE, { policy: 'singleton', retryLimit: 0 });

  const enqueueArchive = async (conversationId: string) => {
    await boss.send(ARCHIVE_QUEUE, { conversationId }, { singletonKey: conversationId });
  };
  // Plans' copies and Kommunekompass reports: rare and small, retried like a record's.
  await boss.createQueue(DOCUMENT_ARCHIVE_QUEUE, {
    policy: 'exclusive',
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 1800,
    heartbeatSeconds: 10,
  });
  const enqueueDocument = async (job: DocumentJob) => {
    const key = job.type === 'plan' ? `plan:${job.id}:${job.kind}` : `kompass:${job.id}`;
    await boss.send(DOCUMENT_ARCHIVE_QUEUE, job, { singletonKey: key });
  };
  const sweep = async () => {
    const ids = await handlers.awaitingArchive();
    for (const id of ids) await enqueueArchive(id);
    const documents = await handlers.documentsAwaitingArchive();
    for (const d of documents) await enqueueDocument(d);
    return ids.length + documents.length;
  };

  await boss.work(SWEEP_QUEUE, async () => {
    await sweep();
  });
  await boss.schedule(SWEEP_QUEUE, '* * * * *', null, { tz: 'Europe/Oslo' });

  // Reminders: one job per outbox bundle (its id is the key), sent side by side in batches; the
  // sender keeps to the Teams limits. A killed worker's job misses its heartbeat and runs again.
  await boss.createQueue(REMINDER_QUEUE, {
    policy: 'exclusive',
    retryLimit: 12,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 1800,
    expireInSeconds: 900,
    heartbeatSeconds: 10,
  });
  await boss.createQueue(REMINDER_SWEEP_QUEUE, { policy: 'singleton', retryLimit: 0 });
  // In statements of 500 (a bundle already queued is skipped by its key): every instance's catch-up
  // at start, and each sweep, queue thousands at once without a round trip each.
  const enqueueReminders = async (ids: readonly string[]) => {
    for (let i = 0; i < ids.length; i += 500)
      await boss.insert(
        REMINDER_QUEUE,
        ids.slice(i, i + 500).map((id) => ({ data: { outboxId: id }, singletonKey: id })),
      );
  };
  const sweepReminders = async () => {
    const ids = [...new Set([...(await handlers.sweepReminders()), ...(await handlers.unsentReminders())])];
    await enqueueReminders(ids);
    return ids.length;
  };
  await boss.work(REMINDER_SWEEP_QUEUE, async () => {
    await sweepReminders();
  });
  await boss.schedule(REMINDER_SWEEP_QUEUE, '*/5 * * * *', null, { tz: 'Europe/Oslo' });

  // The directory's changes, and the leader changes they bring, arrive every few minutes; one sync at
  // a time across instances (a singleton queue), and one at start so a new installation fills its copy.
  // A sync cut short goes on from its last page next time.
  await boss.createQueue(DIRECTORY_QUEUE, { policy: 'singleton', retryLimit: 0 });
  await boss.work(DIRECTORY_QUEUE, () => handlers.syncDirectory());
  await boss.schedule(DIRECTORY_QUEUE, `*/${handlers.directorySyncMinutes} * * * *`, null, {
    tz: 'Europe/Oslo',
  });
  await boss.send(DIRECTORY_QUEUE, null, { singletonKey: 'start' });

  // The audit chain's head goes into the archive every hour (and soon after archiving), so a
  // chain rewritten in the database is found by `audit verify` against the archive's copy.
  await boss.createQueue(AUDIT_ANCHOR_QUEUE, { policy: 'singleton', retryLimit: 2 });
  await boss.schedule(AUDIT_ANCHOR_QUEUE, '7 * * * *', null, { tz: 'Europe/Oslo' });
  // Kassasjon once a night, when nobody works; it deletes from the archive, so the sender runs it.
  await boss.createQueue(RETENTION_QUEUE, { policy: 'singleton', retryLimit: 3, retryDelay: 600 });
  await boss.schedule(RETENTION_QUEUE, '40 2 * * *', null, { tz: 'Europe/Oslo' });

  // What goes out to Teams and SharePoint runs on one instance at a time, the holder of an advisory
  // lock (leader.ts): the Teams limits and SharePoint's budget are per app, so one process's limiter
  // and Retry-After gate then hold for all of them. The others serve requests and run the sweeps,
  // which only queue work, and take over within a second or two when the sender goes.
  const OUTBOUND = [
    ARCHIVE_QUEUE,
    DOCUMENT_ARCHIVE_QUEUE,
    REMINDER_QUEUE,
    AUDIT_ANCHOR_QUEUE,
    RETENTION_QUEUE,
  ];
  const startOutbound = async () => {
    // Reminders the sender before this one had claimed, and whose jobs it held: back in the queue
    // at once, rather than when their heartbeat lapses (their claims are older than this leadership,
    // so sendReminder takes them over). Archive jobs wait for the heartbeat: no rate hangs on them.
    // Best effort: if this fails, those jobs wait for their heartbeat, and the workers still start.
    const since = leadership.since;
    try {
      for (const id of since ? await handlers.abandonedReminders(since) : []) {
        const held = (await boss.findJobs(REMINDER_QUEUE, { key: id })).filter((j) => j.state === 'active');
        if (held.length === 0) continue;
        await boss.cancel(
          REMINDER_QUEUE,
          held.map((j) => j.id),
        );
        await boss.resume(
          REMINDER_QUEUE,
          held.map((j) => j.id),
        );
      }
    } catch (e) {
      logger.warn('reminders of the previous sender not taken over at once; their jobs retry later', {
        error: e instanceof Error ? e.message : String(e),
      });
    }
    // Idle, the worker polls every 2 s (little load on PGlite's single connection). With a backlog it
    // takes batches and keeps fetching while they come back full. A batch's records are archived side
    // by side (SharePoint round trips dominate), and each job is settled on its own.
    await boss.work<{ conversationId: string }>(
      ARCHIVE_QUEUE,
      {
        pollingIntervalSeconds: opts.pollingSeconds ?? 2,
        batchSize: 6,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      (jobs) => settleEach(jobs, (d) => handlers.archiveRecord(d.conversationId), logger, 'archiving'),
    );
    await boss.work<DocumentJob>(
      DOCUMENT_ARCHIVE_QUEUE,
      {
        pollingIntervalSeconds: opts.pollingSeconds ?? 2,
        batchSize: 4,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      (jobs) => settleEach(jobs, (d) => handlers.archiveDocument(d), logger, 'archiving a document'),
    );
    // The sender before this one may have used the app's last second at Teams: wait it out. (On
    // PGlite the one process was the sender before, and its start took longer than that.)
    if (db.raw.kind === 'postgres') await new Promise((r) => setTimeout(r, TEAMS_APP_WINDOW_MS));
    await boss.work<{ outboxId: string }>(
      REMINDER_QUEUE,
      {
        pollingIntervalSeconds: opts.pollingSeconds ?? 2,
        batchSize: 50,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      (jobs) =>
        settleEach(
          jobs,
          (d) => handlers.sendReminder(d.outboxId, leadership.since),
          logger,
          'sending a reminder',
        ),
    );
    await boss.work(AUDIT_ANCHOR_QUEUE, () => handlers.anchorAuditTrail());
    await boss.work(RETENTION_QUEUE, () => handlers.runRetention());
    // The audit chain's head into the archive now, which also finishes a checkpoint write a crash
    // cut short. A slow or unreachable archive holds up the start for 5 s at most.
    const anchored = handlers.anchorAuditTrail().catch((e: unknown) =>
      logger.warn('audit checkpoint not written; the hourly job tries again', {
        error: e instanceof Error ? e.message : String(e),
      }),
    );
    await Promise.race([anchored, new Promise((r) => setTimeout(r, 5_000).unref())]);
  };
  const stopOutbound = async () => {
    for (const q of OUTBOUND) await boss.offWork(q, { wait: false });
  };
  const leadership = await electLeader(db, logger);
  let turn: Promise<void> = Promise.resolve();
  leadership.onChange((leading) => {
    turn = turn
      .then(() => (leading ? startOutbound() : stopOutbound()))
      .catch((e: unknown) =>
        logger.error('outbound work not switched', {
          leading,
          error: e instanceof Error ? e.message : String(e),
        }),
      );
  });
  await turn;

  // Catch up at once: anything signed while the service was down is archived now, and reminders
  // recorded but not sent go out.
  await sweep();
  await sweepReminders();

  return {
    enqueueArchive,
    enqueueDocument,
    sweep,
    sweepReminders,
    leading: () => leadership.leading,
    stop: async () => {
      await leadership.stop();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}
