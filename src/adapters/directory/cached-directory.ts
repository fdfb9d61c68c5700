import type { Clock, Directory, DirectoryUser } from '../../ports.ts';

/**
 * Keeps user look-ups for a bounded time (the directory is read on every request to name the caller).
 * A change in the directory, such as a new leader or a removed HR role, takes effect within maxAgeMs.
 */
export function cachedDirectory(
  inner: Directory,
  clock: Clock,
  maxAgeMs = 30_000,
  maxEntries = 50_000,
): Directory {
  const users = new Map<string, { at: number; user: DirectoryUser | undefined }>();
  return {
    ...inner,
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
