import { endpoints } from '../../contract/endpoints.ts';
import { getKompassRound } from '../../usecases/get-kompass-round.ts';
import { inviteRespondents } from '../../usecases/invite-respondents.ts';
import { listKompassRounds } from '../../usecases/list-kompass-rounds.ts';
import { makeGoalFromFinding } from '../../usecases/make-goal-from-finding.ts';
import { saveAreaNote } from '../../usecases/save-area-note.ts';
import { scoreSubArea } from '../../usecases/score-sub-area.ts';
import { startKompassRound } from '../../usecases/start-kompass-round.ts';
import type { Deps } from '../../usecases/support.ts';
import { transitionKompassRound } from '../../usecases/transition-kompass-round.ts';
import { route, type Route } from '../route.ts';

export const kompassRoutes = (deps: Deps): Route[] => [
  route(endpoints.listKompassRounds, ({ actor }) => listKompassRounds(deps, actor)),
  route(endpoints.startKompassRound, ({ actor, body }) => startKompassRound(deps, actor, body)),
  route(endpoints.getKompassRound, ({ actor, params }) => getKompassRound(deps, actor, params.id)),
  route(endpoints.transitionKompassRound, ({ actor, params, body }) =>
    transitionKompassRound(deps, actor, params.id, body),
  ),
  route(endpoints.scoreSubArea, ({ actor, params, body }) =>
    scoreSubArea(deps, actor, { roundId: params.id, code: params.code, ...body }),
  ),
  route(endpoints.saveAreaNote, ({ actor, params, body }) =>
    saveAreaNote(deps, actor, { roundId: params.id, area: params.area, kind: params.kind, ...body }),
  ),
  route(endpoints.makeGoalFromFinding, ({ actor, params, body }) =>
    makeGoalFromFinding(deps, actor, { roundId: params.id, area: params.area, ...body }),
  ),
  route(endpoints.inviteRespondents, ({ actor, params, body }) =>
    inviteRespondents(deps, actor, { roundId: params.id, ...body }),
  ),
];
