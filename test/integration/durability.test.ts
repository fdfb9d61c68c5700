import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { callerFor, conversationAt, path } from '../helpers/factory.ts';
import { startServerProcess as startServer } from '../helpers/process.ts';

describe('durability (PGlite on disk, real process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-durable-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every answer saved before a hard kill is there after restart', async () => {
    const first = await startServer(dataDir);
    children.push(first.child);
    const tokens = new Map<string, string>();
    const before = callerFor(first.url, tokens);
    const { id } = await conversationAt(before, 'held', { period: '2040' });
    const ola = await before(DEMO.ola);
    const per = await before(DEMO.per);
    const texts: Record<string, string> = {};
    for (let i = 1; i <= 10; i++) {
      const fieldId = `faktor-${i}-samtale`;
      texts[fieldId] = `Notat ${i}: æøå ÆØÅ – «sitat» ${'x'.repeat(i * 50)}`;
      const saved = await (i % 2 ? ola : per)('PUT', path('saveAnswer', { id, fieldId }), {
        value: texts[fieldId],
        baseVersion: 0,
      });
      expect(saved.status).toBe(200);
    }
    await per('PUT', path('saveAnswer', { id, fieldId: 'faktor-1-refleksjon' }), {
      value: 'privat',
      baseVersion: 0,
    });

    // No graceful shutdown: the process dies the moment the last save was acknowledged.
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startServer(dataDir);
    children.push(second.child);
    // The per-install secret survives too, so an old token still signs in.
    const after = callerFor(second.url, tokens);
    const view = await (
      await after(DEMO.per)
    )<ResponseOf<'getConversation'>>('GET', path('getConversation', { id }));
    expect(view.status).toBe(200);
    const fields = view.body.sections.flatMap((s) => s.fields);
    for (const [fieldId, text] of Object.entries(texts))
      expect(fields.find((f) => f.id === fieldId)!.answers.shared!.value).toBe(text);
    expect(fields.find((f) => f.id === 'faktor-1-refleksjon')!.answers.employee!.value).toBe('privat');
    expect(view.body.status).toBe('held');
    // The demo organisation is seeded once, not again on restart.
    const list = await (
      await after(DEMO.ola)
    )<ResponseOf<'listMyConversations'>>('GET', path('listMyConversations'));
    expect(list.body.conversations.filter((c) => c.id === id)).toHaveLength(1);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });
});
