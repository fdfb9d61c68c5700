import { addActionItem } from '../../usecases/add-action-item.ts';
import { recordFollowUp } from '../../usecases/record-follow-up.ts';
import { removeActionItem } from '../../usecases/remove-action-item.ts';
import { saveAnswer } from '../../usecases/save-answer.ts';
import type { Deps } from '../../usecases/support.ts';
import { updateActionItem } from '../../usecases/update-action-item.ts';
import type { FollowUpStatus } from '../../domain/answers.ts';
import { defineRoute, type Route } from '../route.ts';
import {
  addItemBody,
  answerParams,
  followUpBody,
  idParams,
  removeItemQuery,
  saveAnswerBody,
  updateItemBody,
} from '../schemas.ts';

export const answerRoutes = (deps: Deps): Route[] => [
  defineRoute({
    method: 'put',
    path: '/api/conversations/:id/answers/:fieldId',
    summary: 'Save one field (optimistic concurrency: 409 with the current value on a stale base version)',
    tag: 'answers',
    params: answerParams,
    body: saveAnswerBody,
    handler: ({ actor, params, body }) =>
      saveAnswer(deps, actor, {
        conversationId: params.id,
        fieldId: params.fieldId,
        value: body.value,
        baseVersion: body.baseVersion,
      }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/conversations/:id/items',
    summary: 'Add an action-plan row or a development goal',
    tag: 'action items',
    params: idParams,
    body: addItemBody,
    status: 201,
    handler: ({ actor, params, body }) => addActionItem(deps, actor, params.id, body.fieldId, body.cells),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/items/:id',
    summary: 'Change an action item',
    tag: 'action items',
    params: idParams,
    body: updateItemBody,
    handler: ({ actor, params, body }) =>
      updateActionItem(deps, actor, params.id, body.cells, body.baseVersion),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/items/:id',
    summary: 'Remove an action item',
    tag: 'action items',
    params: idParams,
    query: removeItemQuery,
    handler: async ({ actor, params, query }) => {
      await removeActionItem(deps, actor, params.id, query.version);
      return { removed: params.id };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/items/:id/follow-up',
    summary: 'Record the follow-up status of an item I own',
    tag: 'action items',
    params: idParams,
    body: followUpBody,
    handler: ({ actor, params, body }) =>
      recordFollowUp(
        deps,
        actor,
        params.id,
        body.status as FollowUpStatus,
        body.comment ?? null,
        body.baseVersion,
      ),
  }),
];
