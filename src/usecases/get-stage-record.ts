import type { ConversationView } from '../contract/views.ts';
import { canShowOnStage, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { getConversation } from './get-conversation.ts';
import { loadConversation, type Deps } from './support.ts';

/**
 * The shared record as a meeting's stage shows it to everyone in the meeting: read only, the shared
 * fields only. Private preparation never goes to the stage, not even the caller's own or what was
 * shared with the other party, and neither does salary (Punkt 4): a shared screen is seen by whoever
 * is in the meeting room.
 */
export async function getStageRecord(deps: Deps, actor: Actor, id: string): Promise<ConversationView> {
  const { standing } = await loadConversation(deps, actor, id, { need: 'party' });
  if (!canShowOnStage(standing)) throw new AppError('FORBIDDEN');
  const view = await getConversation(deps, actor, id);
  const onStage = view.definition.sections
    .filter((s) => s.sensitivity !== 'salary')
    .map((s) => ({ ...s, fields: s.fields.filter((f) => f.visibility === 'shared') }))
    .filter((s) => s.fields.length > 0);
  const fieldIds = new Set(onStage.flatMap((s) => s.fields.map((f) => f.id)));
  return {
    ...view,
    canShare: false,
    canTransition: [],
    canSign: false,
    emptyFields: [],
    canOpenCopies: [],
    sections: view.sections
      .map((s) => ({
        id: s.id,
        fields: s.fields.filter((f) => fieldIds.has(f.id)).map((f) => ({ ...f, editable: false })),
      }))
      .filter((s) => s.fields.length > 0),
    withheldSections: [
      ...view.withheldSections,
      ...view.definition.sections.filter((s) => s.sensitivity === 'salary').map((s) => s.id),
    ],
    definition: { ...view.definition, sections: onStage },
  };
}
