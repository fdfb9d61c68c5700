import type { Clock, Directory, DirectoryUser } from '../../ports.ts';

/**
 * Keeps user look-ups, and a tenant's whole list of people and units, for a bounded time (the
 * directory is read on every request to name the caller, and the plan pages read the organisation).
 * A change in the directory, such as a new leader or a removed HR role, takes effect within maxAgeMs.
 */
export function cachedDirectory(
  inner: Directory,
  clock: Clock,
  maxAgeMs = 30_000,
  maxEntries = 50_000,
): Directory {
  const users = new Map<string, { at: number; user: DirectoryUser | undefined }>();
  // One list per tenant: the same array while it is fresh, so what is built from it can be kept too.
  const lists = new Map<string, { at: number; value: Promise<unknown> }>();
  const list = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const now = clock.now().getTime();
    const hit = lists.get(key);
    if (hit && now - hit.at < maxAgeMs) return hit.value as Promise<T>;
    const value = read();
    lists.set(key, { at: now, value });
    // A failed read is not kept.
    value.catch(() => lists.delete(key));
    return value;
  };
  return {
    ...inner,
    users: (tid) => list(`users|${tid}`, () => inner.users(tid)),
    units: (tid) => list(`units|${tid}`, () => inner.units(tid)),
    async user(tid, oid) {
      const key = `${tid}|${oid}`;
      const now = clock.now().getTime();
      const hit = users.get(key);
      if (hit && now - hit.at < maxAgeMs) return hit.user;
      const user = await inner.user(tid, oid);
      if (users.size >= maxEntries) users.clear();
      users.set(key, { at: now, user });
      return user;
    },
  };
}
