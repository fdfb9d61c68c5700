import type { UnreachablePerson } from '../contract/views.ts';
import { canSeeUnreachable, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { BotStore } from '../ports.ts';
import type { Deps } from './support.ts';

/** People the bot can no longer reach (the app was removed or blocked): for HR to follow up. */
export async function listUnreachablePeople(
  deps: Deps & { botStore: BotStore },
  actor: Actor,
): Promise<UnreachablePerson[]> {
  if (!canSeeUnreachable(actor)) throw new AppError('FORBIDDEN');
  const refs = await deps.botStore.unreachable(actor.tid);
  return Promise.all(
    refs.map(async (r) => ({
      oid: r.oid,
      name: (await deps.directory.user(r.tid, r.oid))?.name ?? r.oid,
      since: r.unreachableAt ?? '',
      reason: r.unreachableReason ?? '',
    })),
  );
}
