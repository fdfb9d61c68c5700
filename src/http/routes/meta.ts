import { endpoints } from '../../contract/endpoints.ts';
import type { PrivacyFacts } from '../../contract/views.ts';
import { route, type Route } from '../route.ts';

/** What the tab needs before sign-in: which mode it runs in and whether demo sign-in exists. */
export const metaRoutes = (
  info: { mode: 'local' | 'm365'; devLogin: boolean; teamsMeetings: boolean },
  privacy: PrivacyFacts,
): Route[] => [
  route(endpoints.getConfig, () => Promise.resolve(info)),
  // The privacy page is read before sign-in: what it states comes from the configuration.
  route(endpoints.getPrivacyFacts, () => Promise.resolve(privacy)),
];
