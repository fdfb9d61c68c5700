import type { Section } from '../../domain/templates/model.ts';
import { customiseTemplate } from '../../usecases/customise-template.ts';
import { getTemplate, listTemplates } from '../../usecases/list-templates.ts';
import type { Deps } from '../../usecases/support.ts';
import { defineRoute, type Route } from '../route.ts';
import { customiseBody, keyParams } from '../schemas.ts';

export const templateRoutes = (deps: Deps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/api/templates',
    summary: 'The templates my organisation uses',
    tag: 'templates',
    handler: async ({ actor }) => ({
      templates: (await listTemplates(deps, actor)).map((t) => ({
        key: t.key,
        version: t.version,
        kind: t.kind,
        name: t.name,
        title: t.title,
        source: t.source,
      })),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/templates/:key',
    summary: 'One template, in full',
    tag: 'templates',
    params: keyParams,
    handler: ({ actor, params }) => getTemplate(deps, actor, params.key),
  }),
  defineRoute({
    method: 'put',
    path: '/api/admin/templates/:key',
    summary: "Set the organisation's version of a template (Admin; core sections cannot be removed)",
    tag: 'admin',
    params: keyParams,
    body: customiseBody,
    handler: ({ actor, params, body }) =>
      customiseTemplate(deps, actor, params.key, body.sections as Section[]),
  }),
];
