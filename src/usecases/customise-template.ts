import { canCustomiseTemplates, type Actor } from '../domain/policy.ts';
import type { Section, Template } from '../domain/templates/model.ts';
import { builtInTemplate, customiseTemplate as customise } from '../domain/templates/registry.ts';
import { AppError } from '../errors/catalogue.ts';
import { audit, nowIso, type Deps } from './support.ts';

/** An admin sets the organisation's version of a template: additions allowed, core parts kept. */
export async function customiseTemplate(
  deps: Deps,
  actor: Actor,
  { key, sections }: { key: string; sections: Section[] },
): Promise<Template> {
  if (!canCustomiseTemplates(actor)) throw new AppError('FORBIDDEN');
  const base = builtInTemplate(key);
  if (!base) throw new AppError('TEMPLATE_NOT_FOUND', { key });
  return deps.store.transaction(async (tx) => {
    const revision = ((await tx.currentCustomisation(actor.tid, key))?.revision ?? 0) + 1;
    // The version names the tenant too, since snapshots are shared across tenants.
    const result = customise(base, sections, `${actor.tid}.${revision}`);
    if (!result.ok) {
      const moved = result.problems.some(
        (p) => p.kind === 'core-source-changed' || p.kind === 'source-crosses-sensitivity',
      );
      throw new AppError(moved ? 'TEMPLATE_PREFILL_FORBIDDEN' : 'TEMPLATE_CORE_REMOVED', {
        problems: result.problems,
      });
    }
    const template = result.template;
    await tx.snapshotTemplate(template);
    if (
      (await tx.saveCustomisation({
        tid: actor.tid,
        key,
        revision,
        version: template.version,
        by: actor.oid,
      })) === 'exists'
    ) {
      throw new AppError('VERSION_CONFLICT', { key, revision });
    }
    await audit(tx, actor, 'template.customised', key, nowIso(deps), { version: template.version });
    return template;
  });
}
