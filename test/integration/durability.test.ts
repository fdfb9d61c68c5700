import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import { startServerProcess as startServer } from '../helpers/process.ts';

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the reply's shape
async function json<T>(
  url: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

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
    const login = async (url: string, userId: string) =>
      (await json<{ token: string }>(`${url}/api/dev/login`, { method: 'POST', body: { userId } })).body
        .token;
    const ola = await login(first.url, DEMO.ola);
    const per = await login(first.url, DEMO.per);
    const planned = await json<{ id: string }>(`${first.url}/api/conversations`, {
      method: 'POST',
      token: ola,
      body: { templateKey: 'medarbeidersamtale-10-faktor', employeeOid: DEMO.per, period: '2040' },
    });
    const id = planned.body.id;
    await json(`${first.url}/api/conversations/${id}/transitions`, {
      method: 'POST',
      token: ola,
      body: { transition: 'hold' },
    });
    const texts: Record<string, string> = {};
    for (let i = 1; i <= 10; i++) {
      const fieldId = `faktor-${i}-samtale`;
      texts[fieldId] = `Notat ${i}: æøå ÆØÅ – «sitat» ${'x'.repeat(i * 50)}`;
      const saved = await json(`${first.url}/api/conversations/${id}/answers/${fieldId}`, {
        method: 'PUT',
        token: i % 2 ? ola : per,
        body: { value: texts[fieldId], baseVersion: 0 },
      });
      expect(saved.status).toBe(200);
    }
    await json(`${first.url}/api/conversations/${id}/answers/faktor-1-refleksjon`, {
      method: 'PUT',
      token: per,
      body: { value: 'privat', baseVersion: 0 },
    });

    // No graceful shutdown: the process dies the moment the last save was acknowledged.
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startServer(dataDir);
    children.push(second.child);
    // The per-install secret survives too, so an old token still signs in.
    const view = await json<{
      status: string;
      sections: { fields: { id: string; answers: Record<string, { value: string }> }[] }[];
    }>(`${second.url}/api/conversations/${id}`, { token: per });
    expect(view.status).toBe(200);
    const fields = view.body.sections.flatMap((s) => s.fields);
    for (const [fieldId, text] of Object.entries(texts))
      expect(fields.find((f) => f.id === fieldId)!.answers.shared!.value).toBe(text);
    expect(fields.find((f) => f.id === 'faktor-1-refleksjon')!.answers.employee!.value).toBe('privat');
    expect(view.body.status).toBe('held');
    // The demo organisation is seeded once, not again on restart.
    const list = await json<{ conversations: unknown[] }>(`${second.url}/api/conversations`, { token: ola });
    expect(list.body.conversations.filter((c) => (c as { id: string }).id === id)).toHaveLength(1);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });
});
