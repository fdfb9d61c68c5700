import { endpoints } from '../../contract/endpoints.ts';
import { customiseTemplate } from '../../usecases/customise-template.ts';
import { getEditableTemplate } from '../../usecases/get-editable-template.ts';
import { getTemplate, listTemplates } from '../../usecases/list-templates.ts';
import type { Deps } from '../../usecases/support.ts';
import { route, type Route } from '../route.ts';

export const templateRoutes = (deps: Deps): Route[] => [
  route(endpoints.listTemplates, async ({ actor }) => ({
    templates: (await listTemplates(deps, actor)).map((t) => ({
      key: t.key,
      version: t.version,
      kind: t.kind,
      name: t.name,
      title: t.title,
      source: t.source,
    })),
  })),
  route(endpoints.getTemplate, ({ actor, params }) => getTemplate(deps, actor, params.key)),
  route(endpoints.getEditableTemplate, ({ actor, params }) => getEditableTemplate(deps, actor, params.key)),
  route(endpoints.customiseTemplate, ({ actor, params, body }) =>
    customiseTemplate(deps, actor, { key: params.key, sections: body.sections }),
  ),
];
