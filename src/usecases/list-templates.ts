import type { Actor } from '../domain/policy.ts';
import type { Template } from '../domain/templates/model.ts';
import { BUILT_IN_TEMPLATES } from '../domain/templates/registry.ts';
import { currentTemplate, type Deps } from './support.ts';

/** The templates the caller's organisation uses now (built-in or customised). */
export async function listTemplates(deps: Deps, actor: Actor): Promise<Template[]> {
  return Promise.all(BUILT_IN_TEMPLATES.map((t) => currentTemplate(deps, actor.tid, t.key)));
}

export async function getTemplate(deps: Deps, actor: Actor, key: string): Promise<Template> {
  return currentTemplate(deps, actor.tid, key);
}
