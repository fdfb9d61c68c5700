// npm run bench -- fanout [--messages=3000]
// Reminder fan-out through the Bot Connector fake at the real Teams limits: N reminders to N distinct
// people, recorded in the outbox, sent by the server's own jobs. Prints the sustained rate as a share
// of the 50 messages/s per-app bound, and lost, duplicated and 429-retried messages.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotConnectorFake } from '../fakes/bot-connector.ts';
import { fillOutbox } from '../helpers/outbox.ts';
import { startServerProcess } from '../helpers/process.ts';
import { numberArg } from './load.ts';

const BOUND_PER_SECOND = 50;

export async function fanoutBench(args: string[]) {
  const count = numberArg(args, 'messages', 3000);
  const dataDir = mkdtempSync(join(tmpdir(), 'samtale-bench-fanout-'));
  const connector = await startBotConnectorFake();
  let child: ChildProcess | undefined;
  try {
    // First start: migrations and the demo; then the outbox is filled while the server is down.
    const first = await startServerProcess(dataDir);
    first.child.kill('SIGTERM');
    await new Promise((r) => first.child.once('exit', r));
    await fillOutbox(dataDir, connector.serviceUrl, count);

    process.stdout.write(
      `fanout: ${count} reminders to ${count} people through the Bot Connector fake (Teams limits: ${BOUND_PER_SECOND}/s per app)\n`,
    );
    const server = await startServerProcess(dataDir);
    child = server.child;
    const deadline = Date.now() + (count / BOUND_PER_SECOND) * 1000 * 3 + 60_000;
    while (new Set(connector.received.map((r) => r.conversationId)).size < count && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 2000));

    const times = connector.received.map((r) => r.at).sort((a, b) => a - b);
    // The bound lets 50 through in any one-second window, so n messages need at least n/50 − 1 s from
    // first to last: the rate over the run counts that last second too.
    const seconds = (times.at(-1)! - times[0]!) / 1000 + 1;
    const rate = times.length / seconds;
    const unique = new Set(connector.received.map((r) => r.conversationId)).size;
    process.stdout.write(
      `sustained: ${rate.toFixed(2)} messages/s over ${seconds.toFixed(1)} s = ${((rate / BOUND_PER_SECOND) * 100).toFixed(1)} % of the ${BOUND_PER_SECOND}/s bound (goal ≥ 98 %)\n`,
    );
    process.stdout.write(
      `lost: ${count - unique}   duplicated: ${connector.received.length - unique}   429-retried: ${connector.stats.throttled}   rejected: ${connector.stats.rejected}\n`,
    );
  } finally {
    child?.kill('SIGKILL');
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
