import type { Actor } from '../domain/policy.ts';
import { allFields } from '../domain/templates/model.ts';
import { AppError } from '../errors/catalogue.ts';
import { asParty, assertWritable, audit, nowIso, type Deps } from './support.ts';

/** A party shares their private preparation (all of it, or chosen fields) with the other party. */
export async function sharePreparation(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  fieldIds: readonly string[] | undefined,
): Promise<{ shared: string[] }> {
  return asParty(deps, actor, conversationId, async (tx, { conversation, template, party }) => {
    assertWritable(conversation, 'private');
    const privateIds = new Set(
      allFields(template)
        .filter((f) => f.visibility === 'private')
        .map((f) => f.id),
    );
    const unknown = (fieldIds ?? []).filter((id) => !privateIds.has(id));
    if (unknown.length > 0) throw new AppError('FIELD_NOT_FOUND', { fieldIds: unknown });
    const mine = (await tx.answers(conversation.id)).filter(
      (a) => a.slot === party && privateIds.has(a.fieldId),
    );
    if (mine.length === 0) throw new AppError('NOTHING_TO_SHARE');
    const at = nowIso(deps);
    const shared = await tx.shareAnswers(conversation.id, party, fieldIds ?? null, at);
    if (shared.length > 0)
      await audit(tx, actor, 'preparation.shared', conversation.id, at, { fields: shared.length });
    return { shared };
  });
}
