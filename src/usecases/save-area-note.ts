import type { ReplyOf } from '../contract/endpoints.ts';
import { canScore } from '../domain/kompass-round.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { AreaNote } from '../ports.ts';
import { loadRound, roundView } from './kompass-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** An assessor writes an area's Styrker, Utfordringer or Svakheter, at the note's version. */
export async function saveAreaNote(
  deps: Deps,
  actor: Actor,
  input: { roundId: string; area: number; kind: AreaNote['kind']; text: string; baseVersion: number },
): Promise<ReplyOf<'saveAreaNote'>> {
  const loaded = await loadRound(deps, actor, input.roundId);
  if (!loaded.standing.assessor)
    throw new AppError('FORBIDDEN', { reason: 'only the round’s assessors write' });
  await deps.store.transaction(async (tx) => {
    const round = await tx.kompass.round(input.roundId, { forUpdate: true });
    if (!round || !canScore(loaded.standing, round.status))
      throw new AppError('ROUND_STATE_FORBIDS', { status: round?.status ?? null });
    const at = nowIso(deps);
    const saved = await tx.kompass.saveNote(
      { roundId: round.id, area: input.area, kind: input.kind, text: input.text, byOid: actor.oid, at },
      input.baseVersion,
    );
    if (!saved) {
      const current = (await tx.kompass.notes(round.id)).find(
        (n) => n.area === input.area && n.kind === input.kind,
      );
      throw new AppError('VERSION_CONFLICT', {
        yourBaseVersion: input.baseVersion,
        current: current ? { text: current.text, version: current.version } : null,
      });
    }
    await audit(tx, actor, 'kompass.note-saved', round.id, at, { area: input.area, kind: input.kind });
  });
  return roundView(deps, actor, loaded);
}
