// The samtale command: `serve` (default) and `templates export`.
import { runRetention, type RetentionItem } from './usecases/run-retention.ts';
import { inProcessChangeFeed } from './adapters/events/in-process.ts';
import { norwegianHolidays } from './adapters/calendar/norwegian-holidays.ts';
import { ConfigError, loadConfig, loadPackageConfig, summariseConfig, type Config } from './config/schema.ts';
import { BUILT_IN_TEMPLATES, builtInTemplate } from './domain/templates/registry.ts';
import {
  APP_VERSION,
  StartupError,
  configuredArchive,
  configuredGraph,
  openDatabase,
  startSamtale,
} from './app.ts';
import { provisionLibraries } from './adapters/archive/sharepoint-library.ts';
import { migrateArchivePermissions } from './usecases/migrate-archive-permissions.ts';
import { buildAppPackage } from './adapters/teams-package/build-app-package.ts';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DatabaseInUseError, type Database } from './adapters/db/database.ts';
import { dbDirectory, directoryCopy } from './adapters/directory/db-directory.ts';
import { graphDirectorySource } from './adapters/directory/graph-directory.ts';
import { syncDirectoryWhenFree } from './usecases/sync-directory.ts';
import { archiveRecord } from './usecases/archive-record.ts';
import { NO_EVENTS, type Deps } from './usecases/support.ts';
import type { Archive } from './ports.ts';
import { verifyArchiveCopy } from './usecases/verify-archive-copy.ts';
import { migrate } from './adapters/db/migrate.ts';
import { sqlStore } from './adapters/db/sql-store.ts';
import { createLogger } from './logger.ts';
import { anchorAuditTrail } from './usecases/anchor-audit-trail.ts';
import { verifyAuditTrail } from './usecases/verify-audit-trail.ts';
import { idParams } from './contract/requests.ts';
import { WORDS, localeOf, type Locale } from './contract/words/index.ts';
import { AppError } from './errors/catalogue.ts';

/** A conversation id from the command line, checked as the API checks one (not left to the database). */
function conversationId(id: string): string {
  if (!idParams.safeParse({ id }).success) throw new AppError('VALIDATION_FAILED', { id, expected: 'uuid' });
  return id;
}

async function serve() {
  const config = loadConfig(process.env);
  process.stderr.write(`Samtale ${APP_VERSION}: ${JSON.stringify(summariseConfig(config))}\n`);
  const app = await startSamtale(config);
  process.stdout.write(
    `Samtale kjører på ${app.url}  (mode: ${config.mode}; API description: ${app.url}/api/openapi.json)\n`,
  );
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`Samtale stopper (${signal}) …\n`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function verifyAudit() {
  const config = loadConfig(process.env);
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await migrate(db);
    const result = await verifyAuditTrail({
      store: sqlStore(db),
      archive: configuredArchive(config, createLogger('warn')),
      clock: { now: () => new Date() },
    });
    if (result.ok) {
      process.stdout.write(
        `audit trail intact: ${result.events} events, hash chain verified against ${result.checkpoints} checkpoints in the archive\n`,
      );
    } else {
      const where =
        result.problem === 'checkpoint-unreadable'
          ? 'in the archive (a checkpoint file is not readable)'
          : result.seq === null
            ? 'after the last event (the chain head does not match: events were removed)'
            : result.problem === 'checkpoint-mismatch' || result.problem === 'missing-after'
              ? `at event ${result.seq} (it no longer matches the checkpoint kept in the archive)`
              : `at event ${result.seq}`;
      process.stdout.write(`audit trail BROKEN ${where}: ${result.problem}\n`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}

/** archive run [id]: archives one signed record, or every signed record not yet archived. */
async function runArchive(id: string | undefined) {
  const config = loadConfig(process.env);
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await migrate(db);
    const deps = cliDeps(db, config);
    const archive = configuredArchive(config, createLogger('warn'));
    const ids = id
      ? [conversationId(id)]
      : (
          await db.query<{ id: string }>(
            "select id from conversations where status = 'signed' order by updated_at",
          )
        ).map((r) => r.id);
    for (const cid of ids) {
      for (const row of await archiveRecord(
        { ...deps, archive },
        { conversationId: cid, retentionYears: config.retentionYears },
      ))
        process.stdout.write(`archived ${cid} ${row.part}: ${row.location}\n`);
    }
    if (ids.length === 0) process.stdout.write('nothing to archive\n');
    else await anchorAuditTrail({ ...deps, archive });
  } finally {
    await db.close();
  }
}

async function verifyArchive(id: string | undefined) {
  if (!id) throw new ConfigError(['archive verify needs a conversation id']);
  const config = loadConfig(process.env);
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await migrate(db);
    const result = await verifyArchiveCopy(
      cliDeps(db, config),
      configuredArchive(config, createLogger('warn')),
      conversationId(id),
    );
    for (const c of result.copies) {
      const verdict = !c.found
        ? 'MISSING'
        : !c.checksumMatches
          ? 'CHECKSUM MISMATCH (the file has changed)'
          : c.metadataMatches === false
            ? 'METADATA MISMATCH (the metadata beside the copy has changed)'
            : !c.signedHashMatches
              ? 'RECORD NO LONGER MATCHES THE SIGNED HASH'
              : 'ok';
      process.stdout.write(`${c.part}: ${verdict}  ${c.path}\n`);
    }
    process.stdout.write(
      result.ok
        ? 'archive copy verified: checksums match the archived copies, their metadata and the signed hash\n'
        : 'archive copy FAILED verification\n',
    );
    if (!result.ok) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

/** archive provision: creates or completes both SharePoint libraries, their columns, views and access. */
async function provisionArchive() {
  const config = loadConfig(process.env);
  const a = config.archive;
  if (a.backend !== 'sharepoint')
    throw new ConfigError([
      'archive provision is for the SharePoint archive: set ARCHIVE_BACKEND=sharepoint (the local archive needs no set-up)',
    ]);
  const report = await provisionLibraries(configuredGraph(config, createLogger('warn')), a);
  const list = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : 'none (all present)');
  for (const lib of [report.record, report.salary])
    process.stdout.write(
      `library "${lib.name}": ${lib.library}\n  columns added: ${list(lib.columnsAdded)}\n  views added: ${list(lib.viewsAdded)}\n`,
    );
  process.stdout.write(
    `library "${report.salary.name}": readable by the HR salary group only (${report.salary.access})\n` +
      `library "${report.record.name}": inherits the archive site's permissions; give the site to HR and the archive staff only (see docs/archive-sharepoint.md)\n`,
  );
}

/** archive migrate-permissions: copies archived with permissions of their own get the library's. */
/**
 * A command that works on the database and the archive: migrated first, closed after. Graph's
 * Retry-After is shared with the running instances (through PostgreSQL).
 */
async function withArchive(
  work: (deps: Deps & { archive: Archive }, config: Config, db: Database) => Promise<void>,
) {
  const config = loadConfig(process.env);
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await migrate(db);
    const logger = createLogger('warn');
    const graph = config.archive.backend === 'sharepoint' ? configuredGraph(config, logger, db) : null;
    await work({ ...cliDeps(db, config), archive: configuredArchive(config, logger, graph) }, config, db);
  } finally {
    await db.close();
  }
}

async function migratePermissions() {
  await withArchive(async (deps, _config, db) => {
    const total =
      (
        await db.query<{ n: number }>('select count(*)::int as n from archive_copies where item_permissions')
      )[0]?.n ?? 0;
    process.stdout.write(
      total === 0
        ? "nothing to migrate: every copy has its library's permissions\n"
        : `${total} copies to migrate …\n`,
    );
    if (total === 0) return;
    const result = await migrateArchivePermissions(deps, {
      onProgress: (p) =>
        process.stdout.write(`  ${p.done} of ${total} (${Math.round((100 * p.done) / total)} %)\n`),
    });
    process.stdout.write(
      `restored inheritance: ${result.restored}; moved to the salary library: ${result.moved}; already in order: ${result.unchanged}; not in the archive: ${result.missing}; failed: ${result.failed.length}\n`,
    );
    for (const f of result.failed) process.stdout.write(`  failed ${f.path}: ${f.reason}\n`);
    if (result.failed.length > 0 || result.missing > 0) {
      process.stdout.write('Run the command again to retry; copies already done are skipped.\n');
      process.exitCode = 1;
    }
  });
}

/** retention run [--dry-run]: kassasjon now; with --dry-run, only what would go and what is held. */
async function runRetentionNow(flags: string[]) {
  const unknown = flags.filter((f) => f !== '--dry-run');
  if (unknown.length > 0)
    throw new ConfigError([`retention run takes only --dry-run (not ${unknown.join(' ')})`]);
  const dryRun = flags.includes('--dry-run');
  await withArchive(async (deps, config) => {
    const report = await runRetention(deps, {
      retentionYears: config.retentionYears,
      preparationDays: config.preparationRetentionDays,
      dryRun,
      onProgress: (p) =>
        process.stdout.write(`  … ${p.disposed} ${dryRun ? 'to delete' : 'deleted'}, ${p.held} held\n`),
    });
    const line = (r: RetentionItem) =>
      `  ${builtInTemplate(r.templateKey)?.name ?? r.templateKey} ${r.period}, kassasjonsdato ${r.disposeOn} (${r.conversationId})`;
    process.stdout.write(
      `${dryRun ? 'would delete' : 'deleted'} ${report.disposed.length} records past their kassasjonsdato\n`,
    );
    for (const r of report.disposed) process.stdout.write(`${line(r)}\n`);
    process.stdout.write(`kept because HR holds them: ${report.held.length}\n`);
    for (const r of report.held) process.stdout.write(`${line(r)}: ${r.heldBecause ?? ''}\n`);
    process.stdout.write(
      `private preparation never shared, ${config.preparationRetentionDays} days after archiving: ` +
        `${report.preparation.answers} answers in ${report.preparation.conversations} records ${dryRun ? 'would be deleted' : 'deleted'}\n`,
    );
    for (const f of report.failed) process.stdout.write(`  failed ${f.conversationId}: ${f.reason}\n`);
    if (dryRun) process.stdout.write('dry run: nothing was changed\n');
    if (report.failed.length > 0) {
      process.stdout.write('Run the command again to retry; what is done is not done twice.\n');
      process.exitCode = 1;
    }
  });
}

/** directory sync: one delta round of Entra ID's people into the database now (m365 mode), with progress. */
async function syncDirectoryNow() {
  const config = loadConfig(process.env);
  if (config.mode !== 'm365' || !config.tenantId)
    throw new ConfigError([
      "SAMTALE_MODE=m365 and TENANT_ID: in local mode the organisation is the database's own",
    ]);
  const db = await openDatabase(config, createLogger('warn'));
  try {
    await migrate(db);
    const source = graphDirectorySource(configuredGraph(config, createLogger('warn'), db), config.tenantId);
    const copy = directoryCopy(db);
    const deps = cliDeps(db, config);
    let shown = 0;
    const result = await syncDirectoryWhenFree(deps, source, copy, {
      pollMs: 1000,
      onWait: () => process.stdout.write('another sync is under way; waiting for it to finish …\n'),
      onProgress: (p) => {
        // A line per 5 000 people: a full round of a large tenant takes minutes.
        if (p.people - shown < 5_000) return;
        shown = p.people;
        process.stdout.write(`  ${p.people} people read (${p.full ? 'full round' : 'changes'}) …\n`);
      },
    });
    process.stdout.write(
      `${result.full ? 'full round' : 'changes since the last round'}: ${result.people} people in ${result.pages} pages; ` +
        `${result.changed} updated, ${result.left} left or disabled` +
        (result.restarts > 0 ? '; Entra ID had forgotten the last round, so this one read everyone' : '') +
        `; conversations moved to a new leader: ${result.moved}\n`,
    );
  } finally {
    await db.close();
  }
}

/** package: appPackage/build/samtale.zip from TEAMS_APP_ID, CLIENT_ID and PUBLIC_URL. */
function buildPackage() {
  const config = loadPackageConfig(process.env);
  const missing = [
    !config.teamsAppId &&
      'TEAMS_APP_ID: the Teams app id (a GUID of your choice, kept for the app’s lifetime)',
    !config.clientId && 'CLIENT_ID: the Entra app registration (SSO and the bot)',
    !config.publicUrl && 'PUBLIC_URL: where Samtale is served (https)',
  ].filter((x): x is string => typeof x === 'string');
  if (missing.length > 0 || !config.teamsAppId || !config.clientId || !config.publicUrl)
    throw new ConfigError(missing);
  if (new URL(config.publicUrl).protocol !== 'https:')
    throw new ConfigError(['PUBLIC_URL: Teams loads tabs over https only']);
  const out = join(import.meta.dirname, '..', 'appPackage', 'build');
  const { zip, files } = buildAppPackage(
    {
      teamsAppId: config.teamsAppId,
      clientId: config.clientId,
      publicUrl: config.publicUrl,
      version: APP_VERSION,
      ...(config.appIdUri ? { appIdUri: config.appIdUri } : {}),
    },
    out,
  );
  process.stdout.write(
    `built ${zip}: ${files.join(', ')}\nUpload it in Teams admin center (Manage apps → Upload new app).\n`,
  );
}

function cliDeps(db: Database, config: Config): Deps {
  return {
    store: sqlStore(db),
    directory: dbDirectory(db),
    clock: { now: () => new Date() },
    newId: randomUUID,
    templateCache: new Map(),
    changes: inProcessChangeFeed(),
    events: NO_EVENTS,
    schedule: { cadence: config.reminders.cadence, holidays: norwegianHolidays },
    feedbackMinAnswers: config.feedbackMinAnswers,
  };
}

function exportTemplates() {
  process.stdout.write(
    JSON.stringify({ format: 'samtale.templates/v1', templates: BUILT_IN_TEMPLATES }, null, 2) + '\n',
  );
}

const USAGE = `Usage: samtale [serve]            start the server
       samtale templates export  print all templates as one JSON document
       samtale audit verify      check the audit trail's hash chain (exit 1 when broken)
       samtale archive run [id]  archive signed records as PDF/A into the archive
       samtale archive verify ID re-read an archived copy and check its checksum (exit 1 on mismatch)
       samtale archive provision create or complete the SharePoint libraries (records, salary), columns, views
       samtale archive migrate-permissions  give copies archived with their own permissions the library's
       samtale directory sync    bring Entra ID's people, managers and departments into the database now (m365)
       samtale retention run [--dry-run]  delete records past their kassasjonsdato (not those HR holds); --dry-run lists them
       samtale package           build appPackage/build/samtale.zip (TEAMS_APP_ID, CLIENT_ID, PUBLIC_URL)`;

async function main(argv: string[]) {
  const [command = 'serve', sub] = argv;
  if (command === 'serve') return serve();
  if (command === 'templates' && sub === 'export') {
    exportTemplates();
    return;
  }
  if (command === 'audit' && sub === 'verify') return verifyAudit();
  if (command === 'archive' && sub === 'run') return runArchive(argv[2]);
  if (command === 'archive' && sub === 'verify') return verifyArchive(argv[2]);
  if (command === 'archive' && sub === 'provision') return provisionArchive();
  if (command === 'archive' && sub === 'migrate-permissions') return migratePermissions();
  if (command === 'directory' && sub === 'sync') return syncDirectoryNow();
  if (command === 'retention' && sub === 'run') return runRetentionNow(argv.slice(2));
  if (command === 'package') {
    buildPackage();
    return;
  }
  if (command === 'help' || command === '--help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n${USAGE}\n`);
  process.exit(2);
}

/** The terminal's language (LC_ALL, then LC_MESSAGES, then LANG): nynorsk for nn, bokmål for nb and no, else English. */
function cliLocale(env: NodeJS.ProcessEnv): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^(nb|nn|no)(?:[_.@-]|$)/i.test(tag) ? localeOf(tag) : 'en';
}

/** One line for the person at the terminal: the catalogue's words, or a generic one; never a stack. */
function errorLine(error: unknown, locale: Locale): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (error instanceof AppError) {
    const details = Object.entries(error.details ?? {})
      .filter((e): e is [string, string | number] => ['string', 'number'].includes(typeof e[1]))
      .map(([k, v]) => `${k}: ${String(v)}`);
    return oneLine(
      `${error.messageIn(locale)} (${[error.code, details.join(', ')].filter(Boolean).join('; ')})`,
    );
  }
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return oneLine(`${WORDS[locale].errors.INTERNAL} (${reason ?? ''})`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof DatabaseInUseError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`samtale: ${errorLine(error, cliLocale(process.env))}\n`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
