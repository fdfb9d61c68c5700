import type { ReplyOf } from '../contract/endpoints.ts';
import type { RespondentGroup } from '../domain/kompass-round.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { loadRound, mustManage, roundView } from './kompass-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * Admin or Kompass asks people of a group (politicians, the top leader, unit leaders, employees, union
 * representatives) for their input per area; the bot brings them one card per area once the round is
 * open for input. Someone already asked keeps their first group.
 */
export async function inviteRespondents(
  deps: Deps,
  actor: Actor,
  input: { roundId: string; group: RespondentGroup; people: string[] },
): Promise<ReplyOf<'inviteRespondents'>> {
  const loaded = await loadRound(deps, actor, input.roundId);
  mustManage(loaded);
  const known = new Set(loaded.org.users.map((u) => u.oid));
  if (!input.people.every((oid) => known.has(oid))) throw new AppError('ASSESSOR_UNKNOWN');
  await deps.store.transaction(async (tx) => {
    const round = await tx.kompass.round(input.roundId, { forUpdate: true });
    if (!round || (round.status !== 'draft' && round.status !== 'input'))
      throw new AppError('ROUND_STATE_FORBIDS', { status: round?.status ?? null });
    const at = nowIso(deps);
    const added = await tx.kompass.invite(
      round.id,
      [...new Set(input.people)].map((oid) => ({ oid, group: input.group })),
    );
    await audit(tx, actor, 'kompass.invited', round.id, at, { group: input.group, added });
  });
  return roundView(deps, actor, loaded);
}
