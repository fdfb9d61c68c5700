import { endpoints } from '../../contract/endpoints.ts';
import { addActionItem } from '../../usecases/add-action-item.ts';
import { linkActionItem } from '../../usecases/link-action-item.ts';
import { linkAnswerField } from '../../usecases/link-answer-field.ts';
import { listServableGoals } from '../../usecases/list-servable-goals.ts';
import { listMyFollowUp } from '../../usecases/list-my-follow-up.ts';
import { recordFollowUp } from '../../usecases/record-follow-up.ts';
import { removeActionItem } from '../../usecases/remove-action-item.ts';
import { saveAnswer } from '../../usecases/save-answer.ts';
import type { Deps } from '../../usecases/support.ts';
import { updateActionItem } from '../../usecases/update-action-item.ts';
import { route, type Route } from '../route.ts';

export const answerRoutes = (deps: Deps): Route[] => [
  route(endpoints.saveAnswer, ({ actor, params, body }) =>
    saveAnswer(deps, actor, {
      conversationId: params.id,
      fieldId: params.fieldId,
      value: body.value,
      baseVersion: body.baseVersion,
    }),
  ),
  route(endpoints.addActionItem, ({ actor, params, body }) =>
    addActionItem(deps, actor, { conversationId: params.id, fieldId: body.fieldId, cells: body.cells }),
  ),
  route(endpoints.updateActionItem, ({ actor, params, body }) =>
    updateActionItem(deps, actor, { itemId: params.id, cells: body.cells, cellVersions: body.cellVersions }),
  ),
  route(endpoints.removeActionItem, ({ actor, params, query }) =>
    removeActionItem(deps, actor, { itemId: params.id, baseVersion: query.version }),
  ),
  route(endpoints.linkActionItem, ({ actor, params, body }) =>
    linkActionItem(deps, actor, { itemId: params.id, goalId: body.goalId }),
  ),
  route(endpoints.linkAnswerField, ({ actor, params, body }) =>
    linkAnswerField(deps, actor, { conversationId: params.id, fieldId: params.fieldId, goalId: body.goalId }),
  ),
  route(endpoints.listServableGoals, ({ actor, params }) => listServableGoals(deps, actor, params.id)),
  route(endpoints.listMyFollowUp, async ({ actor }) => ({ items: await listMyFollowUp(deps, actor) })),
  route(endpoints.recordFollowUp, ({ actor, params, body }) =>
    recordFollowUp(deps, actor, {
      itemId: params.id,
      status: body.status,
      comment: body.comment ?? null,
      baseVersion: body.baseVersion,
    }),
  ),
];
