import { listDevUsers } from '../../usecases/list-dev-users.ts';
import { loginDevUser, type DevLogin } from '../../usecases/login-dev-user.ts';
import { defineRoute, type Route } from '../route.ts';
import { devLoginBody } from '../schemas.ts';

/** Local mode only; these routes do not exist in m365 mode. */
export const devRoutes = (dev: DevLogin): Route[] => [
  defineRoute({
    method: 'get',
    path: '/api/dev/users',
    summary: 'Demo users and their roles (local mode only)',
    tag: 'dev',
    auth: false,
    handler: async () => ({ users: await listDevUsers(dev) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/dev/login',
    summary: 'Sign in as a demo user (local mode only)',
    tag: 'dev',
    auth: false,
    body: devLoginBody,
    handler: ({ body }) => loginDevUser(dev, body.userId),
  }),
];
