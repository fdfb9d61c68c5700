import { z } from 'zod';
import { defineRoute, type Route } from '../route.ts';

/** What the tab needs before sign-in: which mode it runs in and whether demo sign-in exists. */
export const metaRoutes = (info: { mode: 'local' | 'm365'; devLogin: boolean }): Route[] => [
  defineRoute({
    method: 'get',
    path: '/api/config',
    summary: 'Public client configuration (mode, demo sign-in)',
    tag: 'meta',
    auth: false,
    response: z.object({ mode: z.enum(['local', 'm365']), devLogin: z.boolean() }),
    handler: async () => info,
  }),
];
