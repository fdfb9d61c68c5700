import type { ReplyOf } from '../contract/endpoints.ts';
import { isParty, type Actor } from '../domain/policy.ts';
import { findField } from '../domain/templates/model.ts';
import { AppError } from '../errors/catalogue.ts';
import { checkConversationServes } from './plan-support.ts';
import { audit, loadConversation, nowIso, type Deps } from './support.ts';

/**
 * A party names the unit goal a goal written as text serves (the kontraktsamtale's Punkt 3 hovedmål),
 * by the same rule as a plan row. Like a row's link, it is not part of the signed record.
 */
export async function linkAnswerField(
  deps: Deps,
  actor: Actor,
  input: { conversationId: string; fieldId: string; goalId: string | null },
): Promise<ReplyOf<'linkAnswerField'>> {
  const { conversation, template } = await loadConversation(deps, actor, input.conversationId, {
    need: 'status',
  });
  if (!isParty(conversation, actor.oid))
    throw new AppError('FORBIDDEN', { reason: 'only the parties link a goal' });
  const found = findField(template, input.fieldId);
  if (!found) throw new AppError('FIELD_NOT_FOUND');
  if (!found.field.servesUnitGoal) throw new AppError('FIELD_NOT_LINKABLE');
  await checkConversationServes(deps, conversation, input.goalId);
  await deps.store.transaction(async (tx) => {
    await tx.linkField(conversation.id, input.fieldId, input.goalId);
    await audit(tx, actor, 'field.linked', conversation.id, nowIso(deps), {
      field: input.fieldId,
      goal: input.goalId,
    });
  });
  return { fieldId: input.fieldId, servesGoalId: input.goalId };
}
