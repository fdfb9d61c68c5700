import { isIP } from 'node:net';
import { z } from 'zod';

// Every setting Samtale reads, in one schema. Environment names are the keys.
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);
export function isLoopback(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export const configSchema = z
  .object({
    SAMTALE_MODE: z.enum(['local', 'm365']).default('local'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    SEED_DEMO: bool.optional(),
    DEV_LOGIN: bool.optional(),
    LOCAL_ARCHIVE_DIR: z.string().min(1).optional(),
    TENANT_ID: z.uuid().optional(),
    CLIENT_ID: z.uuid().optional(),
    CLIENT_SECRET: z.string().min(1).optional(),
    BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('256kb'),
    ARCHIVE_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(10),
  });

const TRUE = new Set(['true', '1', 'yes']);

/**
 * The rules between settings, run on the raw input even when single settings are invalid,
 * so every problem is reported at once.
 */
function modeProblems(input: Record<string, string>): string[] {
  const mode = input.SAMTALE_MODE ?? 'local';
  if (mode === 'local') {
    const host = input.HOST ?? '127.0.0.1';
    return isLoopback(host) ? [] : [`HOST: local mode binds to loopback only (127.0.0.1, ::1 or localhost); got ${host}`];
  }
  if (mode !== 'm365') return [];
  const problems: string[] = [];
  for (const key of ['TENANT_ID', 'CLIENT_ID', 'CLIENT_SECRET', 'PUBLIC_URL']) if (!input[key]) problems.push(`${key}: required in m365 mode`);
  for (const key of ['DEV_LOGIN', 'SEED_DEMO']) if (input[key] && TRUE.has(input[key])) problems.push(`${key}: local-only setting; not allowed in m365 mode`);
  if (input.LOCAL_ARCHIVE_DIR) problems.push('LOCAL_ARCHIVE_DIR: local-only setting; not allowed in m365 mode');
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
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Validates the whole environment at once, so every problem is reported together. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const input: Record<string, string> = Object.fromEntries(
    Object.keys(configSchema.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])),
  );
  const parsed = configSchema.safeParse(input);
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`)), ...modeProblems(input)];
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
    logLevel: c.LOG_LEVEL,
    seedDemo: local && (c.SEED_DEMO ?? true),
    devLogin: local && (c.DEV_LOGIN ?? true),
    archiveDir: c.LOCAL_ARCHIVE_DIR ?? `${c.DATA_DIR}/archive`,
    tenantId: c.TENANT_ID,
    clientId: c.CLIENT_ID,
    clientSecret: c.CLIENT_SECRET,
    bodyLimit: c.BODY_LIMIT,
    retentionYears: c.ARCHIVE_RETENTION_YEARS,
  };
}

const SECRET_KEYS: ReadonlySet<keyof Config> = new Set(['clientSecret']);

/** A printable summary: secrets and database passwords are redacted. */
export function summariseConfig(config: Config): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
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
