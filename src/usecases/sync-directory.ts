import { DirectoryResyncRequired, type DirectoryCopy, type DirectorySource } from '../ports.ts';
import { applyLeaderChanges } from './apply-leader-changes.ts';
import { nowIso, type Deps } from './support.ts';

export interface DirectorySyncProgress {
  pages: number;
  people: number;
  full: boolean;
}

export interface DirectorySyncResult extends DirectorySyncProgress {
  changed: number;
  /** Removed or disabled in Entra ID during the round, or (after a full round) not in it. */
  left: number;
  /** Rounds started over because Entra ID no longer knew the delta link. */
  restarts: number;
  /** Conversations not yet held that moved to the employee's new leader. */
  moved: number;
}

// A page takes well under a minute even when throttled; a sync that dies frees the tenant after this.
const LEASE_MS = 5 * 60_000;

/**
 * One delta round of Entra ID's people into the local copy: the first round (or one after a reset)
 * brings everyone, later ones what changed. Each page is written with where the round stands, so a
 * round cut short goes on from its last page. Then conversations not yet held follow manager changes.
 * One sync per tenant at a time, across instances: 'busy' when another holds it.
 */
export async function syncDirectory(
  deps: Deps,
  source: DirectorySource,
  copy: DirectoryCopy,
  opts: { onProgress?: (p: DirectorySyncProgress) => void } = {},
): Promise<DirectorySyncResult | 'busy'> {
  const tid = source.tenantId;
  const owner = deps.newId();
  if (!(await copy.claim(tid, owner, LEASE_MS))) return 'busy';
  try {
    return await syncRound(deps, source, copy, owner, opts);
  } finally {
    await copy.release(tid, owner);
  }
}

/**
 * A sync on demand: waits while another holds the tenant (told once through onWait), then runs one,
 * so the caller gets a round that began after they asked.
 */
export async function syncDirectoryWhenFree(
  deps: Deps,
  source: DirectorySource,
  copy: DirectoryCopy,
  opts: { onProgress?: (p: DirectorySyncProgress) => void; onWait?: () => void; pollMs: number },
): Promise<DirectorySyncResult> {
  for (let waited = false; ; waited = true) {
    const r = await syncDirectory(deps, source, copy, opts.onProgress ? { onProgress: opts.onProgress } : {});
    if (r !== 'busy') return r;
    if (!waited) opts.onWait?.();
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs));
  }
}

async function syncRound(
  deps: Deps,
  source: DirectorySource,
  copy: DirectoryCopy,
  owner: string,
  opts: { onProgress?: (p: DirectorySyncProgress) => void },
): Promise<DirectorySyncResult> {
  const tid = source.tenantId;
  const state = await copy.syncState(tid);
  const fresh = () => ({ link: null, full: true, round: deps.clock.now().getTime() });
  let { link, full, round } =
    state?.nextLink && state.round !== null
      ? { link: state.nextLink, full: state.fullRound, round: state.round }
      : state?.deltaLink
        ? { link: state.deltaLink, full: false, round: state.round ?? deps.clock.now().getTime() }
        : fresh();
  let deltaLink = state?.deltaLink ?? null;
  // A round cut short had pages whose manager changes this run does not know: look at everyone's.
  const resumed = link !== null && link === state?.nextLink;
  const result: DirectorySyncResult = {
    pages: 0,
    people: 0,
    full,
    changed: 0,
    left: 0,
    restarts: 0,
    moved: 0,
  };
  const managerChanged = new Map<string, string | null>();
  for (;;) {
    let page;
    try {
      page = await source.deltaPage(link);
    } catch (e) {
      // A link Entra ID has forgotten: start a full round. Twice in one run means something else is wrong.
      if (!(e instanceof DirectoryResyncRequired) || result.restarts >= 2) throw e;
      await copy.restart(tid);
      ({ link, full, round } = fresh());
      deltaLink = null;
      result.restarts++;
      result.full = true;
      continue;
    }
    const applied = await copy.applyPage(
      tid,
      page.changes,
      {
        deltaLink,
        nextLink: page.next ?? null,
        round,
        fullRound: full,
      },
      { owner, ms: LEASE_MS },
    );
    result.pages++;
    result.people += page.changes.length;
    result.changed += applied.changed;
    result.left += applied.removed;
    for (const m of applied.managerChanged) managerChanged.set(m.oid, m.managerOid);
    opts.onProgress?.({ pages: result.pages, people: result.people, full });
    if (page.deltaLink) {
      result.left += (await copy.finishRound(tid, page.deltaLink, nowIso(deps))).left;
      break;
    }
    if (!page.next) throw new Error('directory sync: a delta page with neither a next link nor a delta link');
    link = page.next;
  }
  result.moved = (await applyLeaderChanges(deps, tid, resumed ? undefined : managerChanged)).moved;
  return result;
}
