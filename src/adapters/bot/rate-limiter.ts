// Sliding-window limits, as Teams counts them: per app per tenant (50 requests/s) and per
// conversation (7/s, 60/30 s, 1 800/h). A request waits until every window it counts in has room,
// and a Retry-After from the service holds everything behind it.

export interface Limit {
  count: number;
  perMs: number;
}

export const TEAMS_APP_LIMITS: Limit[] = [{ count: 50, perMs: 1_000 }];
export const TEAMS_CONVERSATION_LIMITS: Limit[] = [
  { count: 7, perMs: 1_000 },
  { count: 60, perMs: 30_000 },
  { count: 1_800, perMs: 3_600_000 },
];

/** Keeps the window a little wider than the service's, so clock skew between us never costs a 429. */
const MARGIN_MS = 15;

export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();
  private holdUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  /** Waits for a slot in every window of every key, then takes it. Callers are served in order. */
  acquire(keys: { key: string; limits: readonly Limit[] }[]): Promise<void> {
    const turn = this.queue.then(() => this.take(keys));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** The service said to wait (Retry-After): nothing more goes out until then. */
  hold(seconds: number): void {
    this.holdUntil = Math.max(this.holdUntil, Date.now() + seconds * 1000);
  }

  private async take(keys: { key: string; limits: readonly Limit[] }[]): Promise<void> {
    for (;;) {
      const now = Date.now();
      let wait = this.holdUntil - now;
      for (const { key, limits } of keys) {
        const times = this.sent.get(key) ?? [];
        for (const l of limits) {
          const inWindow = times.filter((t) => t > now - l.perMs - MARGIN_MS);
          // The oldest send that must leave the window before there is room for one more.
          const blocking = inWindow.length >= l.count ? inWindow[inWindow.length - l.count] : undefined;
          if (blocking !== undefined) wait = Math.max(wait, blocking + l.perMs + MARGIN_MS - now);
        }
      }
      if (wait <= 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    const now = Date.now();
    for (const { key, limits } of keys) {
      const longest = Math.max(...limits.map((l) => l.perMs)) + MARGIN_MS;
      const times = (this.sent.get(key) ?? []).filter((t) => t > now - longest);
      times.push(now);
      this.sent.set(key, times);
    }
  }
}
