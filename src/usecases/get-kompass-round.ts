import type { ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { loadRound, roundView } from './kompass-support.ts';
import type { Deps } from './support.ts';

/** A round as its reader sees it: scores and agreement, notes, input from 5, evidence, references. */
export async function getKompassRound(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<ReplyOf<'getKompassRound'>> {
  return roundView(deps, actor, await loadRound(deps, actor, id));
}
