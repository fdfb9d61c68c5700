// One instance sends: the holder of a PostgreSQL session advisory lock runs the outbound work whose
// limits are per app per tenant (Teams messages, SharePoint writes). Its in-process limiter and
// Retry-After gate then count everything the app sends, however many instances serve requests. The
// lock lives on a connection of its own: a leader killed outright loses its connection, PostgreSQL
// releases the lock at once, and the next instance to try takes over.
import pg from 'pg';
import type { Logger } from '../../logger.ts';
import type { Database } from '../db/database.ts';

export interface Leadership {
  /** Called with true when this instance becomes the sender, and false when it stops being one. */
  onChange(listener: (leading: boolean) => void): void;
  readonly leading: boolean;
  /** When this instance last became the sender; null while it is not one. */
  readonly since: Date | null;
  stop(): Promise<void>;
}

/** A fixed 64-bit key in the advisory lock space: "samtale" and the role. */
const LOCK_KEYS: Record<string, number> = { outbound: 0x73616d74 };

export async function electLeader(
  db: Database,
  logger: Logger,
  {
    role = 'outbound',
    retryMs = 1000,
    checkMs = 2000,
  }: { role?: string; retryMs?: number; checkMs?: number } = {},
): Promise<Leadership> {
  const listeners: ((leading: boolean) => void)[] = [];
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const state: { leading: boolean; stopped: boolean; since: Date | null } = {
    leading: false,
    stopped: false,
    since: null,
  };
  const stopped = () => state.stopped;
  const set = (leading: boolean) => {
    if (state.leading === leading) return;
    state.leading = leading;
    state.since = leading ? new Date() : null;
    logger.info(leading ? 'this instance now sends (outbound leader)' : 'this instance no longer sends', {
      role,
    });
    for (const l of listeners) l(leading);
  };
  const leadership: Leadership = {
    onChange: (l) => {
      listeners.push(l);
      if (state.leading) l(true);
    },
    get leading() {
      return state.leading;
    },
    get since() {
      return state.since;
    },
    stop: async () => {
      state.stopped = true;
      clearTimeout(timer);
      set(false);
      await client?.end().catch(() => undefined);
    },
  };
  // PGlite is one process by construction: it always sends.
  if (db.raw.kind === 'pglite') {
    set(true);
    return leadership;
  }
  const connection = db.raw.connection;
  const key = LOCK_KEYS[role] ?? 0x73616d75;
  const lose = (why: string) => {
    if (state.leading) logger.warn('outbound leadership lost', { role, why });
    set(false);
    const c = client;
    client = undefined;
    void c?.end().catch(() => undefined);
  };
  const tick = async () => {
    if (state.stopped) return;
    try {
      if (!client) {
        // The process id in the name tells an operator (and the scale-out test) which instance sends.
        const c = new pg.Client({ ...connection, application_name: `samtale-${role}-${process.pid}` });
        c.on('error', (e: Error) => lose(e.message));
        await c.connect();
        client = c;
      }
      if (state.leading) {
        // Still holding it? A connection that died silently answers with an error.
        await client.query('select 1');
      } else {
        const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key]);
        if (r.rows[0]?.ok) set(true);
      }
    } catch (e) {
      lose(e instanceof Error ? e.message : String(e));
    }
    // stop() may have run while this tick waited on the database.
    if (!stopped()) timer = setTimeout(() => void tick(), state.leading ? checkMs : retryMs);
  };
  await tick();
  return leadership;
}
