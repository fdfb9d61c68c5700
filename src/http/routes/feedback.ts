import { endpoints } from '../../contract/endpoints.ts';
import { closeFeedbackRound } from '../../usecases/close-feedback-round.ts';
import { getFeedbackRound } from '../../usecases/get-feedback-round.ts';
import { openFeedbackRound } from '../../usecases/open-feedback-round.ts';
import { shareFeedbackResult } from '../../usecases/share-feedback-result.ts';
import type { Deps } from '../../usecases/support.ts';
import { route, type Route } from '../route.ts';

export const feedbackRoutes = (deps: Deps): Route[] => [
  route(endpoints.getFeedbackRound, ({ actor, params }) => getFeedbackRound(deps, actor, params.id)),
  route(endpoints.openFeedbackRound, ({ actor, params, body }) =>
    openFeedbackRound(deps, actor, { conversationId: params.id, ...body }),
  ),
  route(endpoints.closeFeedbackRound, ({ actor, params }) => closeFeedbackRound(deps, actor, params.id)),
  route(endpoints.shareFeedbackResult, ({ actor, params, body }) =>
    shareFeedbackResult(deps, actor, { conversationId: params.id, shared: body.shared }),
  ),
];
