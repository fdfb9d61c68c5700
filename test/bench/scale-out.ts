// npm run bench -- scale-out [--messages=3000]
// Three server processes on one PostgreSQL send N reminders through the Bot Connector fake at the
// real Teams limits; the sending process is killed with SIGKILL halfway. Prints the rates before and
// after the kill and over the whole run as shares of the 50 messages/s per-app bound, the takeover
// time, and lost, throttled and duplicated messages.
import { perSecond, runScaleOut } from '../helpers/scale-out.ts';
import { numberArg } from './load.ts';

const BOUND_PER_SECOND = 50;

export async function scaleOutBench(args: string[]) {
  const count = numberArg(args, 'messages', 3000);
  process.stdout.write(
    `scale-out: ${count} reminders from 3 server processes on one PostgreSQL (Teams limit ${BOUND_PER_SECOND}/s per app); the sender killed at half\n`,
  );
  const r = await runScaleOut(count);
  const share = (times: number[]) =>
    `${perSecond(times).toFixed(1)}/s = ${((perSecond(times) / BOUND_PER_SECOND) * 100).toFixed(1)} %`;
  process.stdout.write(`before the kill: ${share(r.times.before)}\n`);
  process.stdout.write(`after the kill:  ${share(r.times.after)}\n`);
  process.stdout.write(`whole run:       ${share(r.times.all)} (goal ≥ 95 %)\n`);
  process.stdout.write(
    `takeover: first message ${((r.times.after[0]! - r.killedAt) / 1000).toFixed(1)} s after the kill\n`,
  );
  process.stdout.write(
    `lost: ${r.count - r.delivered}   429: ${r.throttled}   sent twice: ${r.sentTwice} (claimed at the kill: ${r.underWayAtKill})\n`,
  );
}
