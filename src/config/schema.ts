import { isIP } from 'node:net';
import { z } from 'zod';

// Every setting Samtale reads, in one schema. Environment names are the keys.
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * The hosts that may frame the tab: Teams, Microsoft 365 and Outlook on the web, as Microsoft's tab
 * requirements list them (learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements).
 */
export const DEFAULT_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];
// One CSP source: a scheme and host (a leading *. and a port or :* allowed), or 'self'. Nothing that
// could end the directive (; or ,) gets through.
const FRAME_SOURCE = /^(?:'self'|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?)$/i;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);
export function isLoopback(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export const configSchema = z.object({
  SAMTALE_MODE: z.enum(['local', 'm365']).default('local'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_AUTH: z.enum(['password', 'entra']).default('password'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SEED_DEMO: bool.optional(),
  DEV_LOGIN: bool.optional(),
  LOCAL_ARCHIVE_DIR: z.string().min(1).optional(),
  TENANT_ID: z.uuid().optional(),
  CLIENT_ID: z.uuid().optional(),
  CLIENT_SECRET: z.string().min(1).optional(),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/)
    .default('256kb'),
  ARCHIVE_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  PLAN_EXEMPTION_BASIS: z.string().trim().min(1).max(200).optional(),
  ARCHIVE_BACKEND: z.enum(['local', 'sharepoint']).optional(),
  SHAREPOINT_SITE_ID: z
    .string()
    .regex(
      /^[a-z0-9.-]+,[0-9a-f-]{36},[0-9a-f-]{36}$/i,
      'must be a Graph site id: <host>,<site collection id>,<web id>',
    )
    .optional(),
  SHAREPOINT_SITE_URL: z.url({ protocol: /^https$/ }).optional(),
  SHAREPOINT_LIBRARY: z.string().min(1).max(128).default('Samtalearkiv'),
  SHAREPOINT_SALARY_LIBRARY: z.string().min(1).max(128).default('Samtalearkiv lønn'),
  SHAREPOINT_SALARY_GROUP_ID: z.uuid().optional(),
  SHAREPOINT_RETENTION_LABEL: z.string().min(1).optional(),
  GRAPH_URL: z.url({ protocol: /^https$/ }).default('https://graph.microsoft.com'),
  ENTRA_AUTHORITY_HOST: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
  TEAMS_APP_ID: z.uuid().optional(),
  PROACTIVE_INSTALL: bool.optional(),
  TEAMS_MEETINGS: bool.optional(),
  APP_ID_URI: z
    .string()
    .regex(/^api:\/\/[^\s]+$/, 'must be the Application ID URI, e.g. api://samtale.example.no/<client id>')
    .optional(),
  BOT_OPENID_METADATA_URL: z
    .url()
    .default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  REMINDER_PREPARATION_DAYS: z
    .string()
    .regex(/^\d{1,2}(,\d{1,2})*$/, 'working days before the meeting, e.g. 7,2')
    .default('7,2'),
  REMINDER_SIGNATURE_AFTER_DAYS: z.coerce.number().int().min(1).max(30).default(2),
  FOLLOW_UP_CADENCE: z.enum(['quarter', 'tertial']).default('quarter'),
  DIRECTORY_SYNC_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  // Gone: HR defines each round's deadline in Samtale. Set, it stops the start rather than being ignored.
  CYCLE_DEADLINE: z
    .undefined({
      error: 'CYCLE_DEADLINE is no longer used: HR defines rounds and their deadlines on the HR page',
    })
    .optional(),
  PREPARATION_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  // Fewer than three answers would let a leader tell whose answer is whose.
  FEEDBACK_MIN_ANSWERS: z.coerce
    .number()
    .int()
    .min(3, { error: 'FEEDBACK_MIN_ANSWERS is never below 3: fewer answers could be traced to a person' })
    .max(50)
    .default(3),
  PRIVACY_LEGAL_BASIS: z.string().trim().min(1).max(2000).optional(),
  FRAME_ANCESTORS: z
    .string()
    .transform((v) => v.trim().split(/\s+/))
    .refine(
      (sources) => sources.every((s) => FRAME_SOURCE.test(s)),
      "space-separated origins that may frame the tab, e.g. https://teams.microsoft.com https://*.cloud.microsoft ('self' allowed)",
    )
    .optional(),
});

const TRUE = new Set(['true', '1', 'yes']);

/**
 * The rules between settings, run on the raw input even when single settings are invalid,
 * so every problem is reported at once.
 */
function modeProblems(input: Record<string, string>): string[] {
  const mode = input.SAMTALE_MODE ?? 'local';
  const problems = archiveProblems(input, mode);
  // Local mode has no Graph: nothing may pretend to create a meeting there.
  if (mode !== 'm365' && input.TEAMS_MEETINGS && TRUE.has(input.TEAMS_MEETINGS))
    problems.push('TEAMS_MEETINGS: Teams meetings are created through Microsoft Graph, in m365 mode only');
  if (mode === 'local') {
    const host = input.HOST ?? '127.0.0.1';
    if (!isLoopback(host))
      problems.push(`HOST: local mode binds to loopback only (127.0.0.1, ::1 or localhost); got ${host}`);
    return problems;
  }
  if (mode !== 'm365') return problems;
  for (const key of ['TENANT_ID', 'CLIENT_ID', 'CLIENT_SECRET', 'PUBLIC_URL'])
    if (!input[key]) problems.push(`${key}: required in m365 mode`);
  for (const key of ['DEV_LOGIN', 'SEED_DEMO'])
    if (input[key] && TRUE.has(input[key]))
      problems.push(`${key}: local-only setting; not allowed in m365 mode`);
  if (input.LOCAL_ARCHIVE_DIR)
    problems.push('LOCAL_ARCHIVE_DIR: local-only setting; not allowed in m365 mode');
  if (input.FRAME_ANCESTORS?.split(/\s+/).some((s) => s.toLowerCase().startsWith('http:')))
    problems.push('FRAME_ANCESTORS: m365 mode lets only https hosts frame the tab');
  if (input.PROACTIVE_INSTALL && TRUE.has(input.PROACTIVE_INSTALL) && !input.TEAMS_APP_ID)
    problems.push(
      'TEAMS_APP_ID: required with PROACTIVE_INSTALL (the app is looked up in the catalog by it)',
    );
  return problems;
}

/** The SharePoint archive needs the app registration and the library's site and salary group. */
function archiveProblems(input: Record<string, string>, mode: string): string[] {
  const backend = input.ARCHIVE_BACKEND ?? (mode === 'm365' ? 'sharepoint' : 'local');
  if (backend !== 'sharepoint') return [];
  const problems: string[] = [];
  const needed = [
    'SHAREPOINT_SITE_ID',
    'SHAREPOINT_SITE_URL',
    'SHAREPOINT_SALARY_GROUP_ID',
    ...(mode === 'm365' ? [] : ['TENANT_ID', 'CLIENT_ID', 'CLIENT_SECRET']),
  ];
  for (const key of needed)
    if (!input[key])
      problems.push(`${key}: required for the SharePoint archive (ARCHIVE_BACKEND=sharepoint)`);
  if (input.LOCAL_ARCHIVE_DIR && mode !== 'm365')
    problems.push(
      'LOCAL_ARCHIVE_DIR: only used by the local archive; not allowed with ARCHIVE_BACKEND=sharepoint',
    );
  const library = (input.SHAREPOINT_LIBRARY ?? 'Samtalearkiv').trim().toLowerCase();
  if (library === (input.SHAREPOINT_SALARY_LIBRARY ?? 'Samtalearkiv lønn').trim().toLowerCase())
    problems.push(
      'SHAREPOINT_SALARY_LIBRARY: must differ from SHAREPOINT_LIBRARY (Punkt 4 is kept apart from the records HR reads)',
    );
  return problems;
}

type Raw = z.output<typeof configSchema>;

export interface Config {
  mode: 'local' | 'm365';
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  /** entra: the password is an access token of App Service's managed identity (DATABASE_URL has none). */
  databaseAuth: 'password' | 'entra';
  logLevel: Raw['LOG_LEVEL'];
  seedDemo: boolean;
  devLogin: boolean;
  archiveDir: string;
  tenantId: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  bodyLimit: string;
  /** Years an archive copy is kept before kassasjon (sets kassasjonsdato). */
  retentionYears: number;
  /** Days after archiving that private preparation never shared is deleted. */
  preparationRetentionDays: number;
  /** Answers a feedback round needs before its result is shown (never below 3). */
  feedbackMinAnswers: number;
  /** The organisation's legal basis for processing, shown on the privacy page (unset: a placeholder asks for it). */
  privacyLegalBasis: string | undefined;
  /**
   * The legal basis for exempting units' plans from public access ("Offl. § 14 første ledd"), where the
   * organisation exempts them; unset (the default): a virksomhetsplan is a public document.
   */
  planExemptionBasis: string | undefined;
  archive: { backend: 'local' } | SharePointSettings;
  graphUrl: string;
  authorityHost: string;
  botOpenIdMetadataUrl: string;
  /** The Teams app's id in its manifest (the package). */
  teamsAppId: string | undefined;
  /** Install the app through Graph for people with something due who never opened it (m365; needs TEAMS_APP_ID). */
  proactiveInstall: boolean;
  /**
   * Leaders may have Samtale create the conversation's Teams meeting in their calendar (m365 mode; on
   * by default there): delegated Calendars.ReadWrite through on-behalf-of, which an admin consents to.
   */
  teamsMeetings: boolean;
  /** The Application ID URI Teams SSO tokens are issued for (default api://<PUBLIC_URL host>/<CLIENT_ID>). */
  appIdUri: string | undefined;
  /** Who may frame the tab (the CSP's frame-ancestors); Teams and Microsoft 365 unless FRAME_ANCESTORS says. */
  frameAncestors: string[];
  /** How often Entra ID's changes are brought into the local directory (m365 mode), in minutes. */
  directorySyncMinutes: number;
  reminders: {
    preparationDays: number[];
    signatureAfterDays: number;
    cadence: 'quarter' | 'tertial';
  };
}

export interface SharePointSettings {
  backend: 'sharepoint';
  siteId: string;
  siteUrl: string;
  library: string;
  salaryLibrary: string;
  salaryGroupId: string;
  retentionLabel: string | undefined;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Validates the whole environment at once, so every problem is reported together. */
/**
 * What `samtale package` reads, from the same schema: the Teams app's ids and where Samtale is
 * served. Building the package needs nothing else, in either mode (no SharePoint, no secret).
 */
export function loadPackageConfig(env: Record<string, string | undefined>) {
  const schema = configSchema.pick({
    TEAMS_APP_ID: true,
    CLIENT_ID: true,
    PUBLIC_URL: true,
    APP_ID_URI: true,
  });
  const input = Object.fromEntries(
    Object.keys(schema.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])),
  );
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  const c = parsed.data;
  return {
    teamsAppId: c.TEAMS_APP_ID,
    clientId: c.CLIENT_ID,
    publicUrl: c.PUBLIC_URL,
    appIdUri: c.APP_ID_URI,
  };
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, string> = Object.fromEntries(
    Object.keys(configSchema.shape).flatMap((k) =>
      env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]],
    ),
  );
  const parsed = configSchema.safeParse(input);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`)),
    ...modeProblems(input),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const c = parsed.data;
  const local = c.SAMTALE_MODE === 'local';
  return {
    mode: c.SAMTALE_MODE,
    host: c.HOST,
    port: c.PORT,
    publicUrl: c.PUBLIC_URL,
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    databaseAuth: c.DATABASE_AUTH,
    logLevel: c.LOG_LEVEL,
    seedDemo: local && (c.SEED_DEMO ?? true),
    devLogin: local && (c.DEV_LOGIN ?? true),
    archiveDir: c.LOCAL_ARCHIVE_DIR ?? `${c.DATA_DIR}/archive`,
    tenantId: c.TENANT_ID,
    clientId: c.CLIENT_ID,
    clientSecret: c.CLIENT_SECRET,
    bodyLimit: c.BODY_LIMIT,
    retentionYears: c.ARCHIVE_RETENTION_YEARS,
    preparationRetentionDays: c.PREPARATION_RETENTION_DAYS,
    feedbackMinAnswers: c.FEEDBACK_MIN_ANSWERS,
    privacyLegalBasis: c.PRIVACY_LEGAL_BASIS,
    planExemptionBasis: c.PLAN_EXEMPTION_BASIS,
    archive:
      (c.ARCHIVE_BACKEND ?? (local ? 'local' : 'sharepoint')) === 'local'
        ? { backend: 'local' }
        : // archiveProblems has made sure these are set.
          {
            backend: 'sharepoint',
            siteId: c.SHAREPOINT_SITE_ID ?? '',
            siteUrl: c.SHAREPOINT_SITE_URL ?? '',
            library: c.SHAREPOINT_LIBRARY,
            salaryLibrary: c.SHAREPOINT_SALARY_LIBRARY,
            salaryGroupId: c.SHAREPOINT_SALARY_GROUP_ID ?? '',
            retentionLabel: c.SHAREPOINT_RETENTION_LABEL,
          },
    graphUrl: c.GRAPH_URL,
    authorityHost: c.ENTRA_AUTHORITY_HOST,
    botOpenIdMetadataUrl: c.BOT_OPENID_METADATA_URL,
    teamsAppId: c.TEAMS_APP_ID,
    proactiveInstall: c.PROACTIVE_INSTALL ?? false,
    teamsMeetings: !local && (c.TEAMS_MEETINGS ?? true),
    appIdUri: c.APP_ID_URI,
    frameAncestors: c.FRAME_ANCESTORS ?? DEFAULT_FRAME_ANCESTORS,
    directorySyncMinutes: c.DIRECTORY_SYNC_MINUTES,
    reminders: {
      preparationDays: c.REMINDER_PREPARATION_DAYS.split(',').map(Number),
      signatureAfterDays: c.REMINDER_SIGNATURE_AFTER_DAYS,
      cadence: c.FOLLOW_UP_CADENCE,
    },
  };
}

const SECRET_KEYS: ReadonlySet<keyof Config> = new Set(['clientSecret']);

/** A printable summary: secrets and database passwords are redacted. */
export function summariseConfig(config: Config): Record<string, string | number | boolean | object> {
  const out: Record<string, string | number | boolean | object> = {};
  for (const [key, value] of Object.entries(config) as [keyof Config, Config[keyof Config]][]) {
    if (value === undefined) continue;
    if (SECRET_KEYS.has(key)) out[key] = '[redacted]';
    else if (key === 'databaseUrl' && typeof value === 'string') out[key] = redactUrlPassword(value);
    else out[key] = value;
  }
  return out;
}

function redactUrlPassword(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = 'redacted';
    return url.toString();
  } catch {
    return '[unparseable]';
  }
}
