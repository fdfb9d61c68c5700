import { endpoints } from '../../contract/endpoints.ts';
import { listDevUsers } from '../../usecases/list-dev-users.ts';
import { loginDevUser, type DevLogin } from '../../usecases/login-dev-user.ts';
import { route, type Route } from '../route.ts';

/** Local mode only; these routes do not exist in m365 mode. */
export const devRoutes = (dev: DevLogin): Route[] => [
  route(endpoints.listDevUsers, async () => ({ users: await listDevUsers(dev) })),
  route(endpoints.devLogin, ({ body }) => loginDevUser(dev, body.userId)),
];
