import type { Transition } from '../../domain/conversation.ts';
import { getConversation } from '../../usecases/get-conversation.ts';
import { listMyConversations } from '../../usecases/list-my-conversations.ts';
import { planConversation } from '../../usecases/plan-conversation.ts';
import { sharePreparation } from '../../usecases/share-preparation.ts';
import { signRecord } from '../../usecases/sign-record.ts';
import type { Deps } from '../../usecases/support.ts';
import { transitionConversation } from '../../usecases/transition-conversation.ts';
import { defineRoute, type Route } from '../route.ts';
import { idParams, planBody, shareBody, signBody, transitionBody } from '../schemas.ts';

export const conversationRoutes = (deps: Deps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/api/conversations',
    summary: 'My conversations, as employee and as leader',
    tag: 'conversations',
    handler: async ({ actor }) => ({ conversations: await listMyConversations(deps, actor) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/conversations',
    summary: 'Plan a conversation with a direct report',
    tag: 'conversations',
    body: planBody,
    status: 201,
    handler: ({ actor, body }) => planConversation(deps, actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/conversations/:id',
    summary: 'One conversation, as the caller may see it',
    tag: 'conversations',
    params: idParams,
    handler: ({ actor, params }) => getConversation(deps, actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/conversations/:id/preparation/share',
    summary: 'Share my private preparation with the other party',
    tag: 'preparation',
    params: idParams,
    body: shareBody,
    handler: ({ actor, params, body }) => sharePreparation(deps, actor, params.id, body.fieldIds),
  }),
  defineRoute({
    method: 'post',
    path: '/api/conversations/:id/transitions',
    summary: 'Move the conversation to its next stage',
    tag: 'lifecycle',
    params: idParams,
    body: transitionBody,
    handler: ({ actor, params, body }) =>
      transitionConversation(deps, actor, params.id, body.transition as Transition),
  }),
  defineRoute({
    method: 'post',
    path: '/api/conversations/:id/signatures',
    summary: 'Sign the record as shown (by its content hash)',
    tag: 'signatures',
    params: idParams,
    body: signBody,
    status: 201,
    handler: ({ actor, params, body }) => signRecord(deps, actor, params.id, body.contentHash),
  }),
];
