// What the Kommunekompass use cases share: access-checked loading, and the round as its reader sees
// it (scores and agreement, notes, the groups' input from 5 respondents, evidence, references).
import { randomInt } from 'node:crypto';
import type { ReplyOf } from '../contract/endpoints.ts';
import {
  RESPONDENT_GROUPS,
  ROUND_TRANSITIONS,
  canScore,
  finishRefusal,
  roundScores,
  roundStanding,
  roundTransitionAllowed,
  shownFrom,
  shuffled,
  type EvidenceFigure,
  type KompassRound,
  type RoundStanding,
} from '../domain/kompass-round.ts';
import type { Actor } from '../domain/policy.ts';
import { KOMPASS_REFERENCE } from '../domain/templates/kommunekompass-reference.ts';
import { KOMPASS_AREAS } from '../domain/templates/kommunekompass.ts';
import { followUpPeriods } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { organisation, type Organisation } from './plan-support.ts';
import type { Deps } from './support.ts';

export interface LoadedRound {
  round: KompassRound;
  org: Organisation;
  standing: RoundStanding;
}

const isTopLeader = (org: Organisation, oid: string) =>
  org.index.root !== null && org.index.leaderOf(org.index.root) === oid;

export async function roundStandingOf(deps: Deps, actor: Actor, round: KompassRound | null) {
  const org = await organisation(deps, actor.tid);
  return { org, standing: roundStanding(actor.oid, actor.roles, round, isTopLeader(org, actor.oid)) };
}

/** A round the actor may read; anyone else learns nothing about it (404). */
export async function loadRound(deps: Deps, actor: Actor, roundId: string): Promise<LoadedRound> {
  const round = await deps.store.kompass.round(roundId);
  if (!round || round.tid !== actor.tid) throw new AppError('ROUND_NOT_FOUND');
  const { org, standing } = await roundStandingOf(deps, actor, round);
  if (!standing.reader) throw new AppError('ROUND_NOT_FOUND');
  return { round, org, standing };
}

export function mustManage(loaded: { standing: RoundStanding }): void {
  if (!loaded.standing.manager)
    throw new AppError('FORBIDDEN', { reason: 'only Admin or Kompass runs a round' });
}

const points = (tenths: number | null) => (tenths === null ? null : tenths / 10);
const sumTenths = (codes: readonly { code: string }[]) =>
  codes.reduce((n, s) => n + Math.round((KOMPASS_REFERENCE.subAreas[s.code] ?? 0) * 10), 0);

/** The round as its reader sees it. */
export async function roundView(
  deps: Deps,
  actor: Actor,
  loaded: LoadedRound,
): Promise<ReplyOf<'getKompassRound'>> {
  const { round, org, standing } = loaded;
  const store = deps.store.kompass;
  const [scores, notes, responses, invitations, rounds, report] = await Promise.all([
    store.scores(round.id),
    store.notes(round.id),
    store.responses(round.id),
    standing.manager ? store.invitations(round.id) : Promise.resolve([]),
    store.rounds(round.tid),
    store.reportCopy(round.id),
  ]);
  const standings = roundScores(round.assessors, scores);
  const scoreOf = new Map(scores.map((s) => [`${s.assessorOid}|${s.code}`, s]));
  const person = (oid: string) => ({ oid, name: org.name(oid) });
  const note = (area: number, kind: 'styrker' | 'utfordringer' | 'svakheter') => {
    const n = notes.find((x) => x.area === area && x.kind === kind);
    return n ? { text: n.text, version: n.version, by: person(n.byOid), at: n.at } : null;
  };
  // The previous finished round's agreed scores, recomputed from its own scores.
  const before = rounds
    .filter((r) => r.year < round.year && r.status === 'done')
    .sort((a, b) => b.year - a.year)[0];
  const previous = before
    ? {
        year: before.year,
        areas: roundScores(before.assessors, await store.scores(before.id)).areas.map((a) => a.agreed),
      }
    : null;
  return {
    id: round.id,
    year: round.year,
    status: round.status,
    version: round.version,
    organisation: org.units.find((u) => u.parentId === null)?.name ?? '',
    assessors: round.assessors.map(person),
    can: {
      score: canScore(standing, round.status),
      invite: standing.manager && (round.status === 'draft' || round.status === 'input'),
      transitions: standing.manager
        ? ROUND_TRANSITIONS.filter((t) => roundTransitionAllowed(t, round.status))
        : [],
      makeGoals: isTopLeader(org, actor.oid),
    },
    finishRefusal: finishRefusal(standings),
    areas: KOMPASS_AREAS.map((area, i) => {
      const sums = standings.areas[i];
      return {
        number: area.number,
        perspective: area.perspective,
        title: area.title,
        max: sums?.max ?? 100,
        subAreas: area.subAreas.map((sub) => {
          const s = standings.subAreas.find((x) => x.code === sub.code);
          return {
            code: sub.code,
            title: sub.title,
            max: sub.max,
            questions: sub.questions ?? [],
            scores: (s?.byAssessor ?? []).map(points),
            justifications: round.assessors.map(
              (a) => scoreOf.get(`${a}|${sub.code}`)?.justification ?? null,
            ),
            agreed: points(s?.agreed ?? null),
            disagreement: s?.disagreement ?? false,
            reference: KOMPASS_REFERENCE.subAreas[sub.code] ?? null,
          };
        }),
        sums: { byAssessor: sums?.byAssessor ?? [], agreed: sums?.agreed ?? null },
        notes: {
          styrker: note(area.number, 'styrker'),
          utfordringer: note(area.number, 'utfordringer'),
          svakheter: note(area.number, 'svakheter'),
        },
        input: RESPONDENT_GROUPS.map((group) => {
          const mine = responses.filter((r) => r.area === area.number && r.group === group);
          if (!shownFrom(mine.length)) return { group, respondents: null, averages: null, texts: [] };
          const questions = Math.max(0, ...mine.map((r) => r.ratings.length));
          const averages = Array.from({ length: questions }, (_, q) => {
            const given = mine.flatMap((r) => (r.ratings[q] !== undefined ? [r.ratings[q]] : []));
            return given.length ? Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 10) / 10 : 0;
          });
          return {
            group,
            respondents: mine.length,
            averages,
            // Random on every read: the order says nothing about who answered first.
            texts: shuffled(
              mine.flatMap((r) => (r.text ? [r.text] : [])),
              () => randomInt(0, 2 ** 31) / 2 ** 31,
            ),
          };
        }),
      };
    }),
    total: standings.total,
    max: standings.max,
    previous,
    reference: {
      name: KOMPASS_REFERENCE.name,
      reported: [...KOMPASS_REFERENCE.reported],
      computed: KOMPASS_AREAS.map((a) => Math.floor((sumTenths(a.subAreas) + 5) / 10)),
    },
    evidence: await evidence(deps, org, round),
    report: report ? { archivedAt: report.archivedAt } : null,
    invitations: RESPONDENT_GROUPS.map((group) => {
      const asked = invitations.filter((x) => x.group === group);
      return {
        group,
        invited: asked.length,
        answered: asked.filter((x) => x.answeredAreas.length >= KOMPASS_AREAS.length).length,
      };
    }),
  };
}

type Figure = ReplyOf<'getKompassRound'>['evidence'][number];

/** A share of counted people or goals, or nothing where fewer than 5 are counted. */
function share(
  id: EvidenceFigure,
  area: number,
  numerator: number,
  denominator: number,
  part: string | null = null,
): Figure {
  const shown = shownFrom(denominator);
  return {
    id,
    area,
    value: shown && denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null,
    numerator: shown ? numerator : null,
    denominator,
    part,
  };
}

/**
 * What Samtale's own records say for areas 3, 7 and 8 in the round's year: plans adopted, goals linked
 * upward and reported per period; signed conversations, rows followed up, Oslo Del I gradings.
 */
async function evidence(deps: Deps, org: Organisation, round: KompassRound): Promise<Figure[]> {
  const plans = await deps.store.plans.plansIn(round.tid, [round.year]);
  const adopted = plans.filter((p) => p.adoptedAt !== null);
  const goals = await deps.store.plans.threadGoals(adopted.map((p) => p.id));
  const topPlans = new Set(adopted.filter((p) => p.unitId === org.index.root).map((p) => p.id));
  const unitGoals = goals.filter((g) => !topPlans.has(g.planId));
  const reports = await deps.store.plans.reports(goals.map((g) => g.id));
  const c = await deps.store.kompass.conversationEvidence(round.tid, String(round.year));
  // Employees: everyone with a leader. Leaders: everyone someone reports to who has a leader themselves
  // (the top leader has nobody in Samtale to hold their conversation).
  const employees = new Set(org.users.filter((u) => u.managerOid !== null).map((u) => u.oid));
  const leaders = new Set(
    org.users.flatMap((u) => (u.managerOid && employees.has(u.managerOid) ? [u.managerOid] : [])),
  );
  const figures: Figure[] = [
    share('plans-adopted', 3, new Set(adopted.map((p) => p.unitId)).size, org.units.length),
    share('goals-linked', 3, unitGoals.filter((g) => g.servesGoalId !== null).length, unitGoals.length),
    // Only periods that have ended: one under way says nothing yet.
    ...followUpPeriods(round.year, deps.schedule.cadence)
      .filter((p) => p.ends < deps.clock.now().toISOString().slice(0, 10))
      .map((p) =>
        share(
          'goals-reported',
          3,
          new Set(reports.filter((r) => r.period === p.id).map((r) => r.goalId)).size,
          goals.length,
          p.id,
        ),
      ),
    share('employees-signed', 7, c.employeesSigned.filter((o) => employees.has(o)).length, employees.size),
    share('leaders-signed', 8, c.leadersSigned.filter((o) => leaders.has(o)).length, leaders.size),
    share('items-followed-up', 8, c.items.followedUp, c.items.total),
  ];
  for (const theme of ['tema-1-gradering', 'tema-2-gradering', 'tema-3-gradering']) {
    const mine = c.gradings.filter((g) => g.fieldId === theme);
    const all = mine.reduce((n, g) => n + g.count, 0);
    for (const grade of ['under', 'som', 'over'])
      figures.push(
        share('del1-grading', 8, mine.find((g) => g.grade === grade)?.count ?? 0, all, `${theme}:${grade}`),
      );
  }
  return figures;
}
