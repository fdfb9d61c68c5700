import { getCompletion } from '../../usecases/get-completion.ts';
import { getMe } from '../../usecases/get-me.ts';
import { listUnreachablePeople } from '../../usecases/list-unreachable-people.ts';
import type { BotStore } from '../../ports.ts';
import { listTeamStatus } from '../../usecases/list-team-status.ts';
import type { Deps } from '../../usecases/support.ts';
import { defineRoute, type Route } from '../route.ts';
import { periodQuery } from '../schemas.ts';

export const peopleRoutes = (deps: Deps, botStore: BotStore): Route[] => [
  defineRoute({
    method: 'get',
    path: '/api/me',
    summary: 'Who I am, my unit, my leader and my direct reports',
    tag: 'me',
    handler: ({ actor }) => getMe(deps, actor),
  }),
  defineRoute({
    method: 'get',
    path: '/api/team',
    summary: 'My direct reports and the status of their conversations',
    tag: 'team',
    query: periodQuery,
    handler: ({ actor, query }) => listTeamStatus(deps, actor, query.period),
  }),
  defineRoute({
    method: 'get',
    path: '/api/hr/completion',
    summary: 'Completion per unit and template (HR; figures only)',
    tag: 'hr',
    query: periodQuery,
    handler: ({ actor, query }) => getCompletion(deps, actor, query.period),
  }),
  defineRoute({
    method: 'get',
    path: '/api/hr/unreachable',
    summary: 'People the bot can no longer reach in Teams (app removed or blocked), for HR to follow up',
    tag: 'hr',
    handler: ({ actor }) => listUnreachablePeople(deps, botStore, actor),
  }),
];
