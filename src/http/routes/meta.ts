import { endpoints } from '../../contract/endpoints.ts';
import { route, type Route } from '../route.ts';

/** What the tab needs before sign-in: which mode it runs in and whether demo sign-in exists. */
export const metaRoutes = (info: { mode: 'local' | 'm365'; devLogin: boolean }): Route[] => [
  route(endpoints.getConfig, () => Promise.resolve(info)),
];
