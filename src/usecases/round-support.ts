// What the rounds' use cases share: a round as HR reads it, with names from the directory.
import type { RoundView } from '../contract/views.ts';
import { byNorwegian } from '../domain/collate.ts';
import { coverageOf } from '../domain/round.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import type { Round, RoundPerson } from '../ports.ts';
import type { Deps } from './support.ts';

export const templateNameOf = (key: string) => builtInTemplate(key)?.name ?? key;

export async function unitNames(deps: Deps, tid: string): Promise<Map<string, string>> {
  return new Map((await deps.directory.units(tid)).map((u) => [u.id, u.name]));
}

export function roundSummary(
  r: Round,
  units: ReadonlyMap<string, string>,
  figures: { inScope: number; withConversation: number; done: number },
): RoundView['round'] {
  return {
    id: r.id,
    templateKey: r.templateKey,
    templateName: templateNameOf(r.templateKey),
    period: r.period,
    deadline: r.deadline,
    units: r.unitIds.map((id) => units.get(id) ?? id).sort(byNorwegian),
    inScope: figures.inScope,
    withConversation: figures.withConversation,
    done: figures.done,
  };
}

/** Coverage per unit (everyone in scope, with or without a conversation) and each person's stage. */
export async function roundView(deps: Deps, r: Round): Promise<RoundView> {
  const [people, units] = await Promise.all([deps.store.rounds.people(r.id), unitNames(deps, r.tid)]);
  const unitOf = (p: RoundPerson) => (p.unitId && units.get(p.unitId)) || '—';
  const byUnit = new Map<string, RoundPerson[]>();
  for (const p of people) byUnit.set(unitOf(p), [...(byUnit.get(unitOf(p)) ?? []), p]);
  return {
    round: roundSummary(r, units, coverageOf(people.map((p) => p.status))),
    units: [...byUnit.entries()]
      .sort(([a], [b]) => byNorwegian(a, b))
      .map(([unit, ps]) => ({ unit, ...coverageOf(ps.map((p) => p.status)) })),
    people: people
      .map((p) => ({ name: p.name, unit: unitOf(p), status: p.status }))
      .sort((a, b) => byNorwegian(a.unit, b.unit) || byNorwegian(a.name, b.name)),
  };
}
