import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/adapters/bot/rate-limiter.ts';

// The limiter waits on real timers, so these use small windows and check order and counts, not speed.
describe('the sliding-window limiter (Teams limits)', () => {
  it('never lets more requests into a window than it allows, for every key at once', async () => {
    const limiter = new SlidingWindowLimiter();
    const taken: { key: string; at: number }[] = [];
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const conversation = `c${i % 2}`;
        return limiter
          .acquire([
            { key: 'app', limits: [{ count: 8, perMs: 200 }] },
            { key: conversation, limits: [{ count: 3, perMs: 200 }] },
          ])
          .then((answered) => {
            taken.push({ key: conversation, at: Date.now() });
            answered();
          });
      }),
    );
    expect(taken).toHaveLength(24);
    for (const t of taken) {
      const inWindow = taken.filter((x) => x.at > t.at - 200 && x.at <= t.at);
      expect(inWindow.length).toBeLessThanOrEqual(8);
      expect(inWindow.filter((x) => x.key === t.key).length).toBeLessThanOrEqual(3);
    }
  });

  it('keeps a slot taken while its request is unanswered', async () => {
    const limiter = new SlidingWindowLimiter();
    const first = await limiter.acquire([{ key: 'c', limits: [{ count: 1, perMs: 50 }] }]);
    let second = false;
    const waiting = limiter.acquire([{ key: 'c', limits: [{ count: 1, perMs: 50 }] }]).then((release) => {
      second = true;
      release();
    });
    await new Promise((r) => setTimeout(r, 120));
    expect(second).toBe(false);
    first();
    await waiting;
    expect(second).toBe(true);
  });

  it('holds everything behind a Retry-After', async () => {
    const limiter = new SlidingWindowLimiter();
    const start = Date.now();
    limiter.hold(0.3);
    (await limiter.acquire([{ key: 'app', limits: [{ count: 50, perMs: 1000 }] }]))();
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });
});
