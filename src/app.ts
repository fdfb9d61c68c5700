// The composition root: wires adapters to use cases by configuration.
import { inProcessChangeFeed } from './adapters/events/in-process.ts';
import { postgresChangeFeed } from './adapters/events/postgres.ts';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { RequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { devTokens, loadOrCreateSecret } from './adapters/auth/dev-tokens.ts';
import { openPglite, openPostgres, type Database } from './adapters/db/database.ts';
import { migrate } from './adapters/db/migrate.ts';
import { sqlStore } from './adapters/db/sql-store.ts';
import { cachedDirectory } from './adapters/directory/cached-directory.ts';
import { dbDirectory, directoryCopy, syncedDirectory } from './adapters/directory/db-directory.ts';
import { graphDirectorySource } from './adapters/directory/graph-directory.ts';
import { teamsAppInstaller } from './adapters/graph/teams-app-installer.ts';
import { TAB_ENTITY_IDS } from './adapters/teams-package/manifest.ts';
import { entraTokens } from './adapters/auth/entra-tokens.ts';
import { cachedVerifier } from './adapters/auth/cached-verifier.ts';
import type { Config } from './config/schema.ts';
import { WORDS } from './contract/words/index.ts';
import { createHttpApp } from './http/app.ts';
import { localFolderArchive } from './adapters/archive/local-folder.ts';
import { sharePointArchive } from './adapters/archive/sharepoint.ts';
import { appGraph, type AppGraph } from './adapters/graph/app-graph.ts';
import { teamsMeetingCalendar } from './adapters/graph/teams-meetings.ts';
import type { Meetings } from './usecases/meeting-support.ts';
import { postgresHold } from './adapters/graph/shared-hold.ts';
import { answerRoutes } from './http/routes/answers.ts';
import { planRoutes } from './http/routes/plans.ts';
import { kompassRoutes } from './http/routes/kompass.ts';
import { archiveRoutes } from './http/routes/archive.ts';
import { metaRoutes } from './http/routes/meta.ts';
import { conversationRoutes } from './http/routes/conversations.ts';
import { feedbackRoutes } from './http/routes/feedback.ts';
import { devRoutes } from './http/routes/dev.ts';
import { peopleRoutes } from './http/routes/people.ts';
import { myDataRoutes } from './http/routes/my-data.ts';
import { templateRoutes } from './http/routes/templates.ts';
import { createLogger, type Logger } from './logger.ts';
import type { Archive, Clock, DocumentJob, TokenVerifier } from './ports.ts';
import { DEMO_TENANT_ID, seedDemoOrganisation } from './seed/demo-organisation.ts';
import type { DevLogin } from './usecases/login-dev-user.ts';
import { anchorAuditTrail } from './usecases/anchor-audit-trail.ts';
import { runRetention } from './usecases/run-retention.ts';
import { archiveRecord } from './usecases/archive-record.ts';
import { archiveUnitPlan } from './usecases/archive-unit-plan.ts';
import { archiveKompassReport } from './usecases/archive-kompass-report.ts';
import type { Deps, DomainEvents } from './usecases/support.ts';
import { startJobs, type Jobs } from './adapters/jobs/pg-boss.ts';
import {
  agentsChatSender,
  localBotAdapter,
  messagesHandler,
  tenantBotAdapter,
} from './adapters/bot/agents.ts';
import { channelAuth } from './adapters/bot/channel-auth.ts';
import { norwegianHolidays } from './adapters/calendar/norwegian-holidays.ts';
import { botStore } from './adapters/db/bot-store.ts';
import { reminderCard, type Links } from '../bot/cards/builders.ts';
import { samtaleAgent } from '../bot/agent.ts';
import type { BotDeps } from './usecases/bot-support.ts';
import { sendReminder } from './usecases/send-reminder.ts';
import { sweepReminders } from './usecases/sweep-reminders.ts';
import { applyLeaderChanges } from './usecases/apply-leader-changes.ts';
import {
  syncDirectory,
  syncDirectoryWhenFree,
  type DirectorySyncProgress,
  type DirectorySyncResult,
} from './usecases/sync-directory.ts';

/** The release, from package.json: the Teams manifest's version, so each release can be uploaded. */
export const APP_VERSION = ((): string => {
  const pkg: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
})();

export interface Samtale {
  url: string;
  deps: Deps;
  bot: BotDeps;
  jobs: Jobs;
  db: Database;
  /**
   * Brings the local directory in step with Entra ID now (m365 mode): waits for a sync under way
   * anywhere, then runs one. Null in local mode, where the organisation is the database's own.
   */
  syncDirectory(onProgress?: (p: DirectorySyncProgress) => void): Promise<DirectorySyncResult | null>;
  close(): Promise<void>;
}

export class StartupError extends Error {}

export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  if (!config.databaseUrl) return openPglite(join(config.dataDir, 'db'));
  return openPostgres(
    config.databaseUrl,
    10,
    (e) => logger.warn('database connection lost; it will be replaced', { error: e.message }),
    config.databaseAuth,
  );
}

/**
 * App-only Graph for the tenant in the configuration (the directory and the archive's SharePoint
 * libraries). On a PostgreSQL server (several instances), a Retry-After one instance is told of holds
 * them all.
 */
export function configuredGraph(config: Config, logger: Logger, db?: Database): AppGraph {
  if (!config.tenantId || !config.clientId || !config.clientSecret)
    throw new StartupError('TENANT_ID, CLIENT_ID and CLIENT_SECRET are needed to call Microsoft Graph');
  return appGraph({
    tenantId: config.tenantId,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorityHost: config.authorityHost,
    graphUrl: config.graphUrl,
    logger,
    ...(db?.dialect === 'postgres'
      ? { sharedHold: postgresHold(db, `${config.tenantId}/${config.clientId}`) }
      : {}),
  });
}

/** Teams SSO tokens of the configured tenant, for our API (m365 mode). */
function entraVerifier(config: Config): TokenVerifier {
  if (!config.tenantId || !config.clientId || !config.publicUrl)
    throw new StartupError('TENANT_ID, CLIENT_ID and PUBLIC_URL are needed to validate Teams sign-in');
  return entraTokens({
    tenantId: config.tenantId,
    clientId: config.clientId,
    applicationIdUri: config.appIdUri ?? `api://${new URL(config.publicUrl).host}/${config.clientId}`,
    authorityHost: config.authorityHost,
  });
}

/** The archive the configuration chooses: the local folder, or the SharePoint library through Graph. */
export function configuredArchive(config: Config, logger: Logger, graph: AppGraph | null = null): Archive {
  const a = config.archive;
  if (a.backend === 'local') return localFolderArchive(config.archiveDir);
  return sharePointArchive({
    graph: graph ?? configuredGraph(config, logger),
    siteId: a.siteId,
    siteUrl: a.siteUrl,
    library: a.library,
    salaryLibrary: a.salaryLibrary,
    retentionLabel: a.retentionLabel,
    logger,
  });
}

/** Deep links into Samtale's personal tabs in Teams; a conversation opens through the tab's subPageId. */
export function teamsLinks(teamsAppId: string, publicUrl: string): Links {
  const tab = (entityId: string, context?: object) =>
    `https://teams.microsoft.com/l/entity/${teamsAppId}/${entityId}${context ? `?context=${encodeURIComponent(JSON.stringify(context))}` : ''}`;
  return {
    home: tab(TAB_ENTITY_IDS.conversations),
    team: tab(TAB_ENTITY_IDS.team),
    conversation: (id) => tab(TAB_ENTITY_IDS.conversations, { subEntityId: id }),
    copy: (id) => tab(TAB_ENTITY_IDS.conversations, { subEntityId: `${id}/kopi` }),
    plan: (id) => tab(TAB_ENTITY_IDS.conversations, { subEntityId: `plans/${id}` }),
    // The privacy page is the web page the manifest links, not a tab: readable before anyone signs in.
    privacy: `${publicUrl}/personvern`,
  };
}

/** In m365 mode every activity must carry a Bot Framework token for this bot, from this tenant. */
export function botInboundAuth(config: Config): RequestHandler[] {
  if (config.mode !== 'm365' || !config.clientId || !config.tenantId) return [];
  return [
    channelAuth({
      openIdMetadataUrl: config.botOpenIdMetadataUrl,
      issuer: 'https://api.botframework.com',
      botAppId: config.clientId,
      tenantId: config.tenantId,
    }),
  ];
}

/** After archiving, at most one audit checkpoint this often (the head of the chain at that moment). */
const CHECKPOINT_SPACING_MS = 3_000;

export async function startSamtale(
  config: Config,
  opts: { clock?: Clock; logger?: Logger; db?: Database } = {},
): Promise<Samtale> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const db = opts.db ?? (await openDatabase(config, logger));
  const applied = await migrate(db);
  if (applied.length > 0) logger.info('migrations applied', { applied });

  const clock = opts.clock ?? { now: () => new Date() };
  const events: DomainEvents = {
    recordSigned: (id) => (jobs ? jobs.enqueueArchive(id) : Promise.resolve()),
    planArchivable: (id, kind) =>
      jobs ? jobs.enqueueDocument({ type: 'plan', id, kind }) : Promise.resolve(),
    roundFinished: (id) => (jobs ? jobs.enqueueDocument({ type: 'kompass', id }) : Promise.resolve()),
  };
  let jobs: Jobs | null = null;
  // One app-only Graph connection (one token cache, one throttle gate) for the directory and the archive.
  const graph =
    config.mode === 'm365' || config.archive.backend === 'sharepoint'
      ? configuredGraph(config, logger, db)
      : null;
  const m365 =
    config.mode === 'm365' && graph && config.tenantId
      ? { graph, tenantId: config.tenantId, people: graphDirectorySource(graph, config.tenantId) }
      : null;
  // Open pages hear of changes made through any instance: over LISTEN/NOTIFY on PostgreSQL, in
  // process on PGlite (one process by construction).
  const shared = db.raw.kind === 'postgres' ? await postgresChangeFeed(db.raw.connection, logger) : null;
  const changes = shared ?? inProcessChangeFeed();
  // Who leads whom, read from the database: Entra ID's people as the directory sync keeps them in m365
  // mode (a newcomer between two rounds read once from Graph), the demo organisation locally.
  const people = m365 ? syncedDirectory(db, m365.people, clock) : dbDirectory(db);
  const deps: Deps = {
    store: sqlStore(db),
    // Never older than the cache's 30 s.
    directory: cachedDirectory(people, clock),
    clock,
    newId: randomUUID,
    templateCache: new Map(),
    changes,
    schedule: { cadence: config.reminders.cadence, holidays: norwegianHolidays },
    feedbackMinAnswers: config.feedbackMinAnswers,
    events,
  };
  if (config.seedDemo && (await seedDemoOrganisation(deps, db)))
    logger.info('demo organisation seeded', { tenant: DEMO_TENANT_ID });

  const tokens = devTokens(loadOrCreateSecret(join(config.dataDir, 'dev-login.secret')));
  const verifier: TokenVerifier = cachedVerifier(m365 ? entraVerifier(config) : tokens);
  const dev: DevLogin | null = config.devLogin
    ? // The demo sign-in lists everyone as they are now, not as the cache last read them.
      { tenantId: DEMO_TENANT_ID, directory: people, issue: (tid, oid) => tokens.issue(tid, oid) }
    : null;

  const archive = configuredArchive(config, logger, graph);

  // The bot. Links point into the tab: in Teams (a deep link to the personal tab) when the app id is
  // known, otherwise the public URL, or in local mode this server once it listens.
  let baseUrl = config.publicUrl ?? '';
  const links: Links =
    m365 && config.teamsAppId
      ? teamsLinks(config.teamsAppId, config.publicUrl ?? '')
      : {
          get home() {
            return `${baseUrl}/`;
          },
          get team() {
            return `${baseUrl}/team`;
          },
          conversation: (id) => `${baseUrl}/conversations/${id}`,
          copy: (id) => `${baseUrl}/conversations/${id}?kopi=1`,
          plan: (id) => `${baseUrl}/plans/${id}`,
          get privacy() {
            return `${baseUrl}/personvern`;
          },
        };
  const botAdapter = m365
    ? tenantBotAdapter(
        { clientId: config.clientId ?? '', tenantId: m365.tenantId, token: (r) => m365.graph.tokenFor(r) },
        logger,
      )
    : localBotAdapter(logger);
  const bot: BotDeps = {
    store: botStore(db),
    sender: agentsChatSender(botAdapter, config.clientId ?? 'samtale-local', logger),
    settings: {
      preparationDays: config.reminders.preparationDays,
      signatureAfterDays: config.reminders.signatureAfterDays,
      cadence: config.reminders.cadence,
      cycleNudgeDays: 10,
    },
    installer:
      m365 && config.proactiveInstall && config.teamsAppId
        ? teamsAppInstaller(m365.graph, config.teamsAppId)
        : null,
    holidays: norwegianHolidays,
    renderReminder: (messages, locale) => ({
      summary: WORDS[locale].bot.reminderTitle,
      card: reminderCard(messages, links, locale),
    }),
  };

  // The audit chain's head is written one checkpoint at a time: archiving jobs run side by side, and
  // two writes of the day's checkpoint raced for the same file (and an older head could land last).
  let anchoring: Promise<unknown> = Promise.resolve();
  const anchor = () => {
    const next = anchoring.then(() => anchorAuditTrail({ ...deps, archive }));
    anchoring = next.catch(() => undefined);
    return next;
  };
  // After archiving, the head goes into the archive within a few seconds: once for a run of copies,
  // not once per copy (a checkpoint costs SharePoint 2 resource units, half of what a copy does). One
  // that could not be written is not the archiving's failure: the copy is stored, and the hourly job
  // writes the checkpoint. A checkpoint still due when Samtale stops is written before it stops.
  let lastCheckpointAt = 0;
  let checkpointDue: NodeJS.Timeout | null = null;
  const writeCheckpoint = () => {
    checkpointDue = null;
    lastCheckpointAt = Date.now();
    return anchor().catch((e: unknown) =>
      logger.warn('audit checkpoint not written; the hourly job tries again', {
        error: e instanceof Error ? e.message : String(e),
      }),
    );
  };
  const anchorAfterArchiving = () => {
    if (checkpointDue) return;
    checkpointDue = setTimeout(
      () => void writeCheckpoint(),
      Math.max(0, lastCheckpointAt + CHECKPOINT_SPACING_MS - Date.now()),
    );
    checkpointDue.unref();
  };

  jobs = await startJobs(
    db,
    {
      archiveRecord: async (id) => {
        const rows = await archiveRecord(
          { ...deps, archive },
          { conversationId: id, retentionYears: config.retentionYears },
        );
        logger.info('record archived', { conversation: id, copies: rows.length });
        anchorAfterArchiving();
      },
      anchorAuditTrail: async () => {
        const checkpoint = await anchor();
        if (checkpoint) logger.info('audit trail anchored in the archive', { seq: checkpoint.seq });
      },
      runRetention: async () => {
        const r = await runRetention(
          { ...deps, archive },
          { retentionYears: config.retentionYears, preparationDays: config.preparationRetentionDays },
        );
        logger.info('retention run', {
          disposed: r.disposed.length,
          held: r.held.length,
          failed: r.failed.length,
          preparationAnswers: r.preparation.answers,
        });
        if (r.failed.length > 0) throw new Error(`${r.failed.length} records not deleted; retried`);
      },
      awaitingArchive: () => deps.store.awaitingArchive(),
      archiveDocument: async (job) => {
        const archiving = { ...deps, archive };
        if (job.type === 'plan')
          await archiveUnitPlan(archiving, {
            planId: job.id,
            kind: job.kind,
            retentionYears: config.retentionYears,
            exemptionBasis: config.planExemptionBasis ?? null,
          });
        else
          await archiveKompassReport(archiving, { roundId: job.id, retentionYears: config.retentionYears });
        logger.info('document archived', { ...job });
        anchorAfterArchiving();
      },
      documentsAwaitingArchive: async () => [
        ...(await deps.store.plans.awaitingArchive()).map((p): DocumentJob => ({
          type: 'plan',
          id: p.planId,
          kind: p.kind,
        })),
        ...(await deps.store.kompass.awaitingReport()).map((id): DocumentJob => ({ type: 'kompass', id })),
      ],
      sweepReminders: () => sweepReminders(deps, bot),
      sendReminder: async (id, sendingSince) => {
        if ((await sendReminder(deps, bot, id, { sendingSince })) !== 'sent') return;
        // Who got which reminders (their keys), never what they said.
        const row = await bot.store.outbox(id);
        if (row)
          logger.info('reminder sent', {
            outbox: id,
            recipient: row.recipientOid,
            keys: row.messages.map((m) => m.key),
          });
      },
      unsentReminders: () => bot.store.unsent(),
      abandonedReminders: (since) => bot.store.claimedBefore(since.toISOString()),
      directorySyncMinutes: config.directorySyncMinutes,
      syncDirectory: async () => {
        if (m365) {
          const r = await syncDirectory(deps, m365.people, directoryCopy(db));
          if (r === 'busy') logger.debug('directory sync already under way elsewhere');
          else logger.info('directory synced', { ...r });
        } else if (config.seedDemo) {
          const { moved } = await applyLeaderChanges(deps, DEMO_TENANT_ID);
          if (moved > 0) logger.info('conversations moved to a new leader', { moved });
        }
      },
    },
    logger,
  );
  // The leader's calendar, as the leader (on-behalf-of): only where there is Graph and it is wanted.
  const meetings: Meetings | null =
    m365 && config.teamsMeetings && config.clientId && config.clientSecret
      ? {
          calendar: teamsMeetingCalendar({
            tenantId: m365.tenantId,
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            authorityHost: config.authorityHost,
            graphUrl: config.graphUrl,
            logger,
          }),
          link: (id) => links.conversation(id),
        }
      : null;
  const routes = [
    ...metaRoutes(
      { mode: config.mode, devLogin: dev !== null, teamsMeetings: meetings !== null },
      {
        legalBasis: config.privacyLegalBasis ?? null,
        retentionYears: config.retentionYears,
        preparationDays: config.preparationRetentionDays,
      },
    ),
    ...archiveRoutes({ ...deps, archive, retentionYears: config.retentionYears }),
    ...peopleRoutes({ ...deps, botStore: bot.store }),
    ...myDataRoutes({ ...deps, archive, botStore: bot.store }),
    ...templateRoutes(deps),
    ...conversationRoutes(deps, meetings),
    ...feedbackRoutes(deps),
    ...answerRoutes(deps),
    ...planRoutes(deps),
    ...kompassRoutes(deps),
    ...(dev ? devRoutes(dev) : []),
  ];
  const inbound = botInboundAuth(config);
  const tabDir = join(import.meta.dirname, '..', 'tab', 'dist');
  if (!existsSync(join(tabDir, 'index.html')))
    logger.warn('the tab is not built (npm run build:tab); serving the API only');
  const app = createHttpApp({
    routes,
    verifier,
    directory: deps.directory,
    logger,
    bodyLimit: config.bodyLimit,
    version: APP_VERSION,
    publicUrl: () => baseUrl,
    tabDir: existsSync(join(tabDir, 'index.html')) ? tabDir : null,
    frameAncestors: config.frameAncestors,
    // Local mode is plain http on loopback; in m365 mode the service is reached over https only.
    hsts: config.mode === 'm365',
    messages: [
      ...inbound,
      messagesHandler(
        botAdapter,
        samtaleAgent(botAdapter, {
          deps,
          store: bot.store,
          links,
          logger,
        }),
      ),
    ],
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  baseUrl ||= `http://${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    bot,
    jobs,
    deps,
    db,
    async syncDirectory(onProgress) {
      if (!m365) return null;
      return syncDirectoryWhenFree(deps, m365.people, directoryCopy(db), {
        pollMs: 250,
        ...(onProgress ? { onProgress } : {}),
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await jobs.stop();
      // The jobs have finished: the last checkpoint they asked for is written now.
      if (checkpointDue) {
        clearTimeout(checkpointDue);
        await writeCheckpoint();
      }
      await shared?.close();
      if (!opts.db) await db.close();
    },
  };
}
