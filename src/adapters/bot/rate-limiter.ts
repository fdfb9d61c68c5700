// Sliding-window limits, as Teams counts them: per app per tenant (50 requests/s) and per
// conversation (7/s, 60/30 s, 1 800/h). A request waits until every window it counts in has room,
// and a Retry-After from the service holds everything behind it.
//
// A slot is stamped when its request has been answered, not when it was let go. The service counts
// a request when it arrives, which lies between the two, so a window measured from answers is never
// fuller on our side than on the service's, however the network or event loop delays a request.

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

/** A slot not yet answered: it counts as the newest entry of every window it is in. */
const IN_FLIGHT = Number.POSITIVE_INFINITY;
const POLL_MS = 2;

export class SlidingWindowLimiter {
  private readonly slots = new Map<string, number[]>();
  private holdUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  /**
   * Waits for room in every window of every key, then takes it. Callers are served in order. Call
   * the returned function once the request has been answered (or failed).
   */
  acquire(keys: { key: string; limits: readonly Limit[] }[]): Promise<() => void> {
    const turn = this.queue.then(() => this.take(keys));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** The service said to wait (Retry-After): nothing more goes out until then. */
  hold(seconds: number): void {
    this.holdUntil = Math.max(this.holdUntil, Date.now() + seconds * 1000);
  }

  private async take(keys: { key: string; limits: readonly Limit[] }[]): Promise<() => void> {
    for (;;) {
      const now = Date.now();
      let wait = this.holdUntil - now;
      for (const { key, limits } of keys) {
        const times = this.slots.get(key) ?? [];
        for (const l of limits) {
          const inWindow = times.filter((t) => t > now - l.perMs);
          // The entry that must leave the window before there is room for one more.
          const blocking = inWindow.length >= l.count ? inWindow[inWindow.length - l.count] : undefined;
          if (blocking !== undefined)
            wait = Math.max(wait, blocking === IN_FLIGHT ? POLL_MS : blocking + l.perMs - now + 1);
        }
      }
      if (wait <= 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    const now = Date.now();
    const taken: { times: number[] }[] = [];
    for (const { key, limits } of keys) {
      const longest = Math.max(...limits.map((l) => l.perMs));
      // Pruned in place: a slot's release finds its entry in this same array.
      let times = this.slots.get(key);
      if (!times) this.slots.set(key, (times = []));
      const stale = times.findIndex((t) => t > now - longest);
      times.splice(0, stale === -1 ? times.length : stale);
      times.push(IN_FLIGHT);
      taken.push({ times });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const answered = Date.now();
      for (const { times } of taken) {
        const i = times.indexOf(IN_FLIGHT);
        if (i >= 0) times.splice(i, 1);
        // Kept sorted: answers can come back out of order.
        const later = times.findIndex((t) => t > answered);
        times.splice(later === -1 ? times.length : later, 0, answered);
      }
    };
  }
}
