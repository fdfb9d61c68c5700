// The database baseline: the statements Samtale runs for one save, logged from the server itself
// (see save-answer.ts), in one transaction on the same kind of database, behind minimal Express.
// No authentication, no validation, no domain rules: what is left is the database's own cost.
//
// Usage: bare-transaction-server.ts <PGlite folder> | <postgres url>
import express from 'express';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** A transaction's queries, as either driver runs them. */
type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const target = process.argv[2];
if (!target) throw new Error('usage: bare-transaction-server.ts <PGlite folder | postgres url>');
const postgres = /^postgres(ql)?:/.test(target);

// As Samtale opens them: PGlite in this one process on its folder; a pool of 10 on the server.
const pglite = postgres ? null : await PGlite.create(target);
const pool = postgres ? new pg.Pool({ connectionString: target, max: 10 }) : null;
// Samtale tells other instances of a save on its change-feed connection, after the commit.
const notifier = postgres ? new pg.Client({ connectionString: target }) : null;
await notifier?.connect();

async function transaction<T>(fn: (q: Query) => Promise<T>): Promise<T> {
  if (pglite) return pglite.transaction((tx) => fn(async (t, p) => (await tx.query<never>(t, p)).rows));
  const c = await pool!.connect();
  try {
    await c.query('begin');
    const result = await fn(async (t, p) => (await c.query(t, p)).rows as Record<string, unknown>[]);
    await c.query('commit');
    return result;
  } catch (error) {
    await c.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

const app = express();
app.use(express.json());
app.put('/conversations/:id/answers/:fieldId', async (req, res) => {
  const { value, baseVersion } = req.body as { value: unknown; baseVersion: number };
  const { id, fieldId } = req.params;
  const by = req.get('x-actor') ?? '';
  const at = new Date().toISOString();
  try {
    const row = await transaction(async (q) => {
      await q('select * from conversations where id = $1 for update', [id]);
      const [saved] = await q(
        `update answers set value = $4::jsonb, version = version + 1, updated_by = $5, updated_at = $6
         where conversation_id = $1 and field_id = $2 and slot = $3 and version = $7 returning *`,
        [id, fieldId, 'shared', JSON.stringify(value), by, at, baseVersion],
      );
      return saved;
    });
    if (!row) {
      res.status(409).json({ error: 'version' });
      return;
    }
    void notifier
      ?.query('select pg_notify($1, $2)', [
        'samtale_changes',
        JSON.stringify({ from: 'bare', change: { conversationId: id, visibility: 'shared', byOid: by, at } }),
      ])
      .catch(() => undefined);
    res.json({ answer: { value: row.value, version: row.version } });
  } catch (error) {
    res.status(500).json({ error: String(error) });
  }
});

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void Promise.all([pglite?.close(), pool?.end(), notifier?.end()]).finally(() => process.exit(0));
});
