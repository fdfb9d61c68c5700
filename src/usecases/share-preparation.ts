import { shareRefusal, type Actor } from '../domain/policy.ts';
import { allFields } from '../domain/templates/model.ts';
import { AppError } from '../errors/catalogue.ts';
import { asParty, notifyChanged, audit, nowIso, type Deps } from './support.ts';

export interface SharePreparationInput {
  conversationId: string;
  /** Chosen private fields; all of my preparation when absent. */
  fieldIds?: readonly string[] | undefined;
}

/** A party shares their private preparation (all of it, or chosen fields) with the other party. */
export async function sharePreparation(
  deps: Deps,
  actor: Actor,
  input: SharePreparationInput,
): Promise<{ shared: string[] }> {
  const result = await asParty(
    deps,
    actor,
    input.conversationId,
    async (tx, { conversation, template, standing, party }) => {
      const privateIds = new Set(
        allFields(template)
          .filter((f) => f.visibility === 'private')
          .map((f) => f.id),
      );
      const unknown = (input.fieldIds ?? []).filter((id) => !privateIds.has(id));
      const answers = await tx.answers(conversation.id);
      const refusal = shareRefusal(standing, conversation, template, answers);
      // A locked or cancelled conversation says so before anything about the fields asked for.
      if (refusal && refusal !== 'NOTHING_TO_SHARE')
        throw new AppError(refusal, { status: conversation.status });
      if (unknown.length > 0) throw new AppError('FIELD_NOT_FOUND', { fieldIds: unknown });
      if (refusal) throw new AppError(refusal);
      const at = nowIso(deps);
      const shared = await tx.shareAnswers({
        conversationId: conversation.id,
        slot: party,
        fieldIds: input.fieldIds ?? null,
        at,
      });
      if (shared.length > 0)
        await audit(tx, actor, 'preparation.shared', conversation.id, at, { fields: shared.length });
      return { shared };
    },
  );
  notifyChanged(deps, actor, input.conversationId);
  return result;
}
