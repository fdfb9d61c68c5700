// End to end with Microsoft 365 Agents Playground, a real Teams-like client from the npm registry,
// against the running app in local mode: install, `hjelp`, and a proactive reminder in the chat. The
// Playground's user writes in English (en-US), so the bot answers in English.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundConfig } from '../../scripts/playground.mjs';
import { sendReminder } from '../../src/usecases/send-reminder.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';
import { backends } from '../helpers/backends.ts';
import { DEMO, DEMO_TENANT_ID, startTestApp, type TestApp } from '../helpers/harness.ts';

const PLAYGROUND = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@microsoft',
  'm365agentsplayground',
  'cli.js',
);
const CONVERSATION = 'personal-chat-per';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const [pglite] = await backends();

describe('Microsoft 365 Agents Playground talking to the bot (local mode)', () => {
  let t: TestApp;
  let playground: ChildProcess;
  let base = '';
  let socket: WebSocket;
  const frames: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'samtale-playground-'));
  let now = new Date('2026-12-02T09:00:00Z');

  beforeAll(async () => {
    t = await startTestApp(pglite!, {}, { clock: { now: () => now } });
    // The Playground opens a browser at start and exits if it cannot: a no-op xdg-open comes first on PATH.
    writeFileSync(join(dir, 'xdg-open'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'xdg-open'), 0o755);
    // The configuration `npm run playground` writes, for Per.
    writeFileSync(join(dir, 'playground.yml'), playgroundConfig('per', CONVERSATION));
    const wanted = await freePort();
    playground = spawn(
      process.execPath,
      [
        PLAYGROUND,
        '-e',
        `${t.url}/api/messages`,
        '-c',
        'msteams',
        '--disable-telemetry',
        '-p',
        String(wanted),
        '--conversation-id',
        CONVERSATION,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          PATH: `${dir}:${process.env.PATH ?? ''}`,
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(dir, 'playground.yml'),
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const seen = (d: Buffer) => {
        output += d.toString();
        if (/Listening on \d+/.test(output)) resolve();
      };
      playground.stdout?.on('data', seen);
      playground.stderr?.on('data', seen);
      playground.on('exit', (code) => reject(new Error(`the Playground exited (${code}): ${output}`)));
    });
    // It may pick another port than asked for; it says which.
    const port = Number(/Listening on (\d+)/.exec(output)?.[1]);
    base = `http://127.0.0.1:${port}`;
    // The chat's live stream, as the Playground's own web client reads it.
    for (let attempt = 1; ; attempt++) {
      socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
      const opened = await new Promise<boolean>((resolve) => {
        socket.addEventListener('open', () => resolve(true));
        socket.addEventListener('error', () => resolve(false));
      });
      if (opened) break;
      if (attempt >= 50) throw new Error(`cannot open the Playground's chat stream: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    socket.addEventListener('message', (e) => frames.push(String(e.data)));
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    playground?.kill('SIGTERM');
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const waitFor = async (text: string, from = 0) => {
    for (let i = 0; i < 200; i++) {
      if (frames.slice(from).some((f) => f.includes(text))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `the Playground chat never showed "${text}"; it got ${frames.length} frames: ${frames.join('\n').slice(0, 1500)}`,
    );
  };

  it(
    'install: the bot greets Per once in the Playground chat and stores the chat',
    { timeout: 30_000 },
    async () => {
      expect(
        (
          await fetch(`${base}/_debug/conversation/${CONVERSATION}/installation`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
      ).toBe(200);
      await waitFor('Welcome to Samtale');
      const ref = await t.app.bot.store.reference(DEMO_TENANT_ID, DEMO.per);
      expect(ref?.serviceUrl).toContain('/_connector');
      expect(frames.filter((f) => f.includes('Welcome to Samtale'))).toHaveLength(1);
    },
  );

  it('`hjelp` answers with the help card', { timeout: 30_000 }, async () => {
    const from = frames.length;
    const res = await fetch(`${base}/_conversation/v1/conversations/${CONVERSATION}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: 'user-per' }, text: 'hjelp', textFormat: 'plain' }),
    });
    expect(res.status).toBe(200);
    await waitFor('I remind you to prepare, sign and follow up', from);
  });

  it('a proactive reminder is delivered into the Playground chat', { timeout: 30_000 }, async () => {
    const ola = await t.as(DEMO.ola);
    expect(
      (
        await ola('POST', '/api/conversations', {
          templateKey: 'medarbeidersamtale-10-faktor',
          employeeOid: DEMO.per,
          period: '2028',
          scheduledAt: '2026-12-04',
        })
      ).status,
    ).toBe(201);
    const from = frames.length;
    const ids = await sweepReminders(t.app.deps, t.app.bot);
    const forPer = ids.filter((id) => id.includes(DEMO.per));
    expect(forPer).toHaveLength(1);
    expect(await sendReminder(t.app.deps, t.app.bot, forPer[0]!)).toBe('sent');
    await waitFor('Reminder from Samtale', from);
    now = new Date('2026-12-02T09:00:00Z');
  });
});
