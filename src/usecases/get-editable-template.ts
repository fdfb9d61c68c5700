import type { EditableTemplateView } from '../contract/views.ts';
import { canCustomiseTemplates, type Actor } from '../domain/policy.ts';
import { builtInTemplate, coreParts } from '../domain/templates/registry.ts';
import { AppError } from '../errors/catalogue.ts';
import { currentTemplate, type Deps } from './support.ts';

/**
 * The template as an admin edits it: the organisation's current version, the core parts that must
 * stay, and how many conversations with it are under way (they keep the version they began with).
 */
export async function getEditableTemplate(
  deps: Deps,
  actor: Actor,
  key: string,
): Promise<EditableTemplateView> {
  if (!canCustomiseTemplates(actor)) throw new AppError('FORBIDDEN');
  const base = builtInTemplate(key);
  if (!base) throw new AppError('TEMPLATE_NOT_FOUND', { key });
  const [template, running] = await Promise.all([
    currentTemplate(deps, actor.tid, key),
    deps.store.countRunningConversations(actor.tid, key),
  ]);
  return { template, customised: template.version !== base.version, core: coreParts(base), running };
}
