import { endpoints } from '../../contract/endpoints.ts';
import type { BotStore } from '../../ports.ts';
import { createRound } from '../../usecases/create-round.ts';
import { deleteRound } from '../../usecases/delete-round.ts';
import { getRound } from '../../usecases/get-round.ts';
import { listRounds } from '../../usecases/list-rounds.ts';
import { previewRoundScope } from '../../usecases/preview-round-scope.ts';
import { getCompletion } from '../../usecases/get-completion.ts';
import { getMe } from '../../usecases/get-me.ts';
import { listTeamStatus } from '../../usecases/list-team-status.ts';
import { listUnreachablePeople } from '../../usecases/list-unreachable-people.ts';
import type { Deps } from '../../usecases/support.ts';
import { route, type Route } from '../route.ts';

export const peopleRoutes = (deps: Deps & { botStore: BotStore }): Route[] => [
  route(endpoints.getMe, ({ actor }) => getMe(deps, actor)),
  route(endpoints.listTeam, ({ actor, query }) => listTeamStatus(deps, actor, query)),
  route(endpoints.getCompletion, ({ actor, query }) => getCompletion(deps, actor, query.period)),
  route(endpoints.listUnreachable, ({ actor }) => listUnreachablePeople(deps, actor)),
  route(endpoints.listRounds, ({ actor, query }) => listRounds(deps, actor, query.period)),
  route(endpoints.previewRoundScope, ({ actor, query }) => previewRoundScope(deps, actor, query.unitIds)),
  route(endpoints.createRound, ({ actor, body }) => createRound(deps, actor, body)),
  route(endpoints.getRound, ({ actor, params, query }) => getRound(deps, actor, params.id, query.after)),
  route(endpoints.deleteRound, ({ actor, params }) => deleteRound(deps, actor, params.id)),
];
