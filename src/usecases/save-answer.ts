import { checkAnswer, exceedsTextLimit, MAX_TEXT, slotFor } from '../domain/answers.ts';
import type { SaveAnswerResult } from '../contract/views.ts';
import { fieldWriteRefusal, type Actor } from '../domain/policy.ts';
import { findField } from '../domain/templates/model.ts';
import { AppError } from '../errors/catalogue.ts';
import { asParty, notifyChanged, nowIso, type Deps } from './support.ts';

export interface SaveAnswerInput {
  conversationId: string;
  fieldId: string;
  value: unknown;
  /** The version the writer started from; 0 for a field not yet answered. */
  baseVersion: number;
}

/** Saves one field. A stale base version is refused with the current value, so nothing is overwritten. */
export async function saveAnswer(
  deps: Deps,
  actor: Actor,
  input: SaveAnswerInput,
): Promise<SaveAnswerResult> {
  const { saved, visibility } = await asParty(deps, actor, input.conversationId, async (tx, loaded) => {
    const { conversation, template, standing, party } = loaded;
    const found = findField(template, input.fieldId);
    if (!found) throw new AppError('FIELD_NOT_FOUND', { fieldId: input.fieldId });
    const { field, section } = found;
    const refusal = fieldWriteRefusal(standing, conversation, section, field);
    if (refusal) throw new AppError(refusal, { fieldId: field.id, status: conversation.status });
    if (exceedsTextLimit(input.value))
      throw new AppError('TEXT_TOO_LONG', { fieldId: field.id, max: MAX_TEXT });
    const checked = checkAnswer(field, input.value);
    if (!checked.ok) throw new AppError('ANSWER_INVALID', { fieldId: field.id, reason: checked.reason });

    const slot = slotFor(field.writer, field.visibility, party);
    const result = await tx.saveAnswer({
      conversationId: conversation.id,
      fieldId: field.id,
      slot,
      value: checked.value,
      baseVersion: input.baseVersion,
      by: actor.oid,
      at: nowIso(deps),
    });
    if (!result.ok) {
      const c = result.current;
      throw new AppError('VERSION_CONFLICT', {
        fieldId: field.id,
        slot,
        yourBaseVersion: input.baseVersion,
        current: c
          ? { value: c.value, version: c.version, updatedBy: c.updatedBy, updatedAt: c.updatedAt }
          : { value: null, version: 0 },
      });
    }
    const a = result.answer;
    return {
      visibility: field.visibility,
      saved: {
        slot,
        answer: {
          value: a.value,
          version: a.version,
          updatedBy: a.updatedBy,
          updatedAt: a.updatedAt,
          sharedAt: a.sharedAt,
        },
      },
    };
  });
  notifyChanged(deps, actor, input.conversationId, visibility);
  return saved;
}
