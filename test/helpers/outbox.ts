// Fills a stopped server's PGlite database with people who have a personal chat and one reminder
// each waiting in the outbox: the load for the fan-out benchmark and the dispatcher's crash test.
import { join } from 'node:path';
import { openPglite, type Database } from '../../src/adapters/db/database.ts';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';

/** N people with a personal chat on the fake, each with one follow-up reminder due today. */
export async function fillOutbox(dataDir: string, serviceUrl: string, count: number): Promise<void> {
  const db = await openPglite(join(dataDir, 'db'));
  try {
    await fillOutboxIn(db, serviceUrl, count);
  } finally {
    await db.close();
  }
}

/** The same in an open database (PostgreSQL shared by several server processes). */
export async function fillOutboxIn(db: Database, serviceUrl: string, count: number): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  await db.exec(`
      insert into chat_references (tid, oid, conversation_id, service_url, bot_id, user_id, channel_id, locale, installed_at)
      select '${DEMO_TENANT_ID}', 'bench-' || g, 'a:bench-' || g, '${serviceUrl}', '28:samtale', '29:bench-' || g, 'msteams', 'nb', now()
        from generate_series(1, ${count}) g;
      insert into outbox (id, tid, recipient_oid, day, messages, status, created_at)
      select '${DEMO_TENANT_ID}:bench-' || g || ':${day}', '${DEMO_TENANT_ID}', 'bench-' || g, '${day}',
             jsonb_build_array(jsonb_build_object('kind','follow-up','key','follow-up:bench-' || g || ':bench:bench-' || g,'tid','${DEMO_TENANT_ID}',
               'recipientOid','bench-' || g,'subject','bench-' || g,'period','2026-Q4','date',null,'count',2,'role',null,'templateKey',null)),
             'pending', now()
        from generate_series(1, ${count}) g;
      insert into outbox_keys (key, outbox_id) select 'follow-up:bench-' || g || ':bench:bench-' || g, '${DEMO_TENANT_ID}:bench-' || g || ':${day}' from generate_series(1, ${count}) g;`);
}
