// A Kommunekompass assessment round (seed 003): the organisation scores itself, area by area, between
// the consultancy's evaluations. Its own aggregate: a lifecycle, its assessors' scores (which must
// agree before the round is finished), their notes per area, and anonymous input from groups.
import type { AppRole } from './policy.ts';
import { KOMPASS_AREAS } from './templates/kommunekompass.ts';

export const ROUND_STATUSES = ['draft', 'input', 'assessment', 'done'] as const;
/** utkast → innspill → vurdering → ferdig. */
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const ROUND_TRANSITIONS = ['open-input', 'start-assessment', 'finish'] as const;
export type RoundTransition = (typeof ROUND_TRANSITIONS)[number];

const TABLE: Record<RoundTransition, { from: readonly RoundStatus[]; to: RoundStatus }> = {
  // The groups are asked for input per area (the method's interviews).
  'open-input': { from: ['draft'], to: 'input' },
  // Input may be skipped: the assessors may start at once.
  'start-assessment': { from: ['draft', 'input'], to: 'assessment' },
  finish: { from: ['assessment'], to: 'done' },
};

export const roundTransitionTarget = (t: RoundTransition): RoundStatus => TABLE[t].to;
export const roundTransitionAllowed = (t: RoundTransition, from: RoundStatus): boolean =>
  TABLE[t].from.includes(from);

/** The groups the method interviews. */
export const RESPONDENT_GROUPS = ['politicians', 'top_leader', 'unit_leaders', 'employees', 'union'] as const;
export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];

/** The figures Samtale's own records give for areas 3, 7 and 8. */
export const EVIDENCE_FIGURES = [
  'plans-adopted',
  'goals-linked',
  'goals-reported',
  'employees-signed',
  'leaders-signed',
  'items-followed-up',
  'del1-grading',
] as const;
export type EvidenceFigure = (typeof EVIDENCE_FIGURES)[number];

/** Nothing from fewer people than this is shown: not a group's answers, not an evidence figure. */
export const SMALLEST_GROUP = 5;

export interface KompassRound {
  id: string;
  tid: string;
  year: number;
  status: RoundStatus;
  /** The people who score; at least one. */
  assessors: string[];
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One assessor's score of one sub-area, in tenths of a point (35,3 → 353). */
export interface SubAreaScore {
  roundId: string;
  assessorOid: string;
  code: string;
  tenths: number;
  justification: string | null;
  at: string;
}

export const SUB_AREAS = KOMPASS_AREAS.flatMap((a) => a.subAreas.map((s) => ({ ...s, area: a.number })));
const SUB_AREA = new Map(SUB_AREAS.map((s) => [s.code, s]));

/** Why a score cannot be stored: an unknown sub-area, or outside 0 to its maximum, or not in tenths. */
export function scoreProblem(code: string, points: number): 'unknown' | 'range' | 'tenths' | null {
  const sub = SUB_AREA.get(code);
  if (!sub) return 'unknown';
  if (!Number.isFinite(points) || points < 0 || points > sub.max) return 'range';
  return Math.abs(points * 10 - Math.round(points * 10)) > 1e-9 ? 'tenths' : null;
}

export interface SubAreaStanding {
  code: string;
  max: number;
  /** Each assessor's score (tenths), in the round's order of assessors; null where not yet scored. */
  byAssessor: (number | null)[];
  /** The score every assessor gave; null until all have scored alike. */
  agreed: number | null;
  /** Two assessors gave different scores: both are shown until they agree. */
  disagreement: boolean;
}

export interface AreaSum {
  area: number;
  title: string;
  max: number;
  /** Each assessor's own sum, rounded half up to whole points as the method reports. */
  byAssessor: number[];
  /** The sum of the agreed scores, when every sub-area of the area is agreed. */
  agreed: number | null;
}

/** Where the assessors stand: each sub-area's scores and agreement, each area's sums, the total. */
export function roundScores(
  assessors: readonly string[],
  scores: readonly SubAreaScore[],
): { subAreas: SubAreaStanding[]; areas: AreaSum[]; total: number | null; max: number } {
  const of = new Map(scores.map((s) => [`${s.assessorOid}|${s.code}`, s.tenths]));
  const subAreas = SUB_AREAS.map((s): SubAreaStanding => {
    const byAssessor = assessors.map((a) => of.get(`${a}|${s.code}`) ?? null);
    const given = byAssessor.filter((x): x is number => x !== null);
    const alike = given.length > 0 && given.every((x) => x === given[0]);
    return {
      code: s.code,
      max: s.max,
      byAssessor,
      agreed: alike && given.length === assessors.length ? (given[0] ?? null) : null,
      disagreement: given.length > 1 && !alike,
    };
  });
  const points = (tenths: number) => Math.floor((tenths + 5) / 10);
  const areas = KOMPASS_AREAS.map((area): AreaSum => {
    const mine = subAreas.filter((s) => area.subAreas.some((x) => x.code === s.code));
    return {
      area: area.number,
      title: area.title,
      max: area.subAreas.reduce((n, s) => n + s.max, 0),
      byAssessor: assessors.map((_, i) => points(mine.reduce((n, s) => n + (s.byAssessor[i] ?? 0), 0))),
      agreed: mine.every((s) => s.agreed !== null)
        ? points(mine.reduce((n, s) => n + (s.agreed ?? 0), 0))
        : null,
    };
  });
  return {
    subAreas,
    areas,
    total: areas.every((a) => a.agreed !== null) ? areas.reduce((n, a) => n + (a.agreed ?? 0), 0) : null,
    max: areas.reduce((n, a) => n + a.max, 0),
  };
}

/** A round is finished only when every sub-area is scored alike by every assessor. */
export function finishRefusal(scores: ReturnType<typeof roundScores>): 'unscored' | 'disagreement' | null {
  if (scores.subAreas.some((s) => s.disagreement)) return 'disagreement';
  return scores.subAreas.some((s) => s.agreed === null) ? 'unscored' : null;
}

export interface RoundStanding {
  /** Starts rounds, names the assessors and moves the round on: Admin or the Kompass role. */
  manager: boolean;
  assessor: boolean;
  /** Reads the round and its results: the top leader and HR besides the above. */
  reader: boolean;
}

export function roundStanding(
  oid: string,
  roles: readonly AppRole[],
  round: Pick<KompassRound, 'assessors'> | null,
  topLeader: boolean,
): RoundStanding {
  const manager = roles.includes('Admin') || roles.includes('Kompass');
  const assessor = round?.assessors.includes(oid) ?? false;
  return { manager, assessor, reader: manager || assessor || topLeader || roles.includes('HR') };
}

export const canScore = (s: RoundStanding, status: RoundStatus): boolean =>
  s.assessor && status === 'assessment';

/** A group's answers are shown only from SMALLEST_GROUP respondents; below that, nothing at all. */
export const shownFrom = (respondents: number): boolean => respondents >= SMALLEST_GROUP;

/** Free text in an order that says nothing about who wrote first (Fisher–Yates with the given source). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
