// What the rounds' use cases share: a round as HR reads it, with names from the directory.
import type { RoundView } from '../contract/views.ts';
import { byNorwegian } from '../domain/collate.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import { z } from 'zod';
import type { Round, RoundPeopleCursor } from '../ports.ts';
import { decodeCursor, encodeCursor } from './paging.ts';
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

export const ROUND_PEOPLE_PAGE = 100;

// Where a page of a round's people begins: the last person of the page before.
const CURSOR: z.ZodType<RoundPeopleCursor> = z.object({
  unitName: z.string(),
  name: z.string(),
  oid: z.string(),
});

/**
 * Coverage per unit (everyone in scope, with or without a conversation) and a page of the people with
 * their conversation's stage, counted and listed by the database (a round may hold a whole municipality).
 */
export async function roundView(deps: Deps, r: Round, after?: string): Promise<RoundView> {
  const [people, byUnit, units] = await Promise.all([
    deps.store.rounds.people(r.id, {
      limit: ROUND_PEOPLE_PAGE + 1,
      after: after ? decodeCursor(after, CURSOR) : undefined,
    }),
    deps.store.rounds.coverageByUnit(r.id),
    unitNames(deps, r.tid),
  ]);
  const total = byUnit.reduce(
    (sum, u) => ({
      inScope: sum.inScope + u.inScope,
      withConversation: sum.withConversation + u.withConversation,
      done: sum.done + u.done,
    }),
    { inScope: 0, withConversation: 0, done: 0 },
  );
  const page = people.slice(0, ROUND_PEOPLE_PAGE);
  const last = page[page.length - 1];
  return {
    round: roundSummary(r, units, total),
    units: byUnit
      .map((u) => ({
        unit: (u.unitId && units.get(u.unitId)) || '—',
        inScope: u.inScope,
        withConversation: u.withConversation,
        done: u.done,
      }))
      .sort((a, b) => byNorwegian(a.unit, b.unit)),
    people: page.map((p) => ({ name: p.name, unit: p.unitName || '—', status: p.status })),
    next:
      last && people.length > ROUND_PEOPLE_PAGE
        ? encodeCursor({ unitName: last.unitName, name: last.name, oid: last.oid })
        : null,
  };
}
