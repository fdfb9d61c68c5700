// A unit's yearly plan (virksomhetsplan, seed 004): its lifecycle, what a goal must have before the
// plan is adopted, and who leads a unit. A plan is an aggregate of its own beside conversations.
import type { Json } from './json.ts';
import type { AppRole } from './policy.ts';

export const PLAN_STATUSES = ['draft', 'input', 'adopted', 'reporting', 'closed'] as const;
/** utkast → innspill → vedtatt → årsrapport → avsluttet. */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_TRANSITIONS = ['open-input', 'adopt', 'start-report', 'close'] as const;
export type PlanTransition = (typeof PLAN_TRANSITIONS)[number];

const TABLE: Record<PlanTransition, { from: readonly PlanStatus[]; to: PlanStatus }> = {
  // Trinn 4: the staff take part in the draft.
  'open-input': { from: ['draft'], to: 'input' },
  adopt: { from: ['draft', 'input'], to: 'adopted' },
  // Trinn 7: the year report.
  'start-report': { from: ['adopted'], to: 'reporting' },
  close: { from: ['reporting'], to: 'closed' },
};

export const planTransitionTarget = (t: PlanTransition): PlanStatus => TABLE[t].to;
export const planTransitionAllowed = (t: PlanTransition, from: PlanStatus): boolean =>
  TABLE[t].from.includes(from);
export const availablePlanTransitions = (from: PlanStatus): PlanTransition[] =>
  PLAN_TRANSITIONS.filter((t) => planTransitionAllowed(t, from));

/** Goals are written while the plan is a draft or open for input; after that only reported on. */
export const goalsEditable = (s: PlanStatus): boolean => s === 'draft' || s === 'input';
/** The year report's fields are written once the plan is adopted, until it is closed. */
export const reportEditable = (s: PlanStatus): boolean => s === 'adopted' || s === 'reporting';

/** When each part of the plan's own fields is written: Trinn 1–4 until adoption, Trinn 6 once adopted, Trinn 7 in the year report. */
const PLAN_FIELDS_WRITABLE: Record<string, readonly PlanStatus[]> = {
  forankring: ['draft', 'input', 'adopted'],
  mal: ['draft', 'input'],
  oppfolging: ['adopted', 'reporting'],
  rapportering: ['reporting'],
};
export const planSectionWritable = (sectionId: string, s: PlanStatus): boolean =>
  (PLAN_FIELDS_WRITABLE[sectionId] ?? []).includes(s);

/** A plan field's stored answer: its value and its own version, so two fields never conflict. */
export interface PlanAnswer {
  value: Json;
  version: number;
  by: string;
  at: string;
}

export interface UnitPlan {
  id: string;
  tid: string;
  unitId: string;
  year: number;
  status: PlanStatus;
  templateVersion: string;
  /** The plan's own fields (Trinn 1–3 dates, the checklist, the year report), by field id (PlanAnswer). */
  answers: Record<string, unknown>;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  adoptedAt: string | null;
  adoptedBy: string | null;
}

export interface PlanGoal {
  id: string;
  planId: string;
  position: number;
  /** Mål */
  goal: string;
  /** Resultatindikator */
  indicator: string | null;
  /** The indicator's value at the start and the value aimed for, where it is a number. */
  baseline: number | null;
  target: number | null;
  /** Tiltak */
  actions: string | null;
  /** Ansvarsperson: one person of the unit. */
  ownerOid: string | null;
  /** Tidfestet */
  due: string | null;
  /** The parent unit's goal this one serves: an id, so a reworded goal keeps its link. */
  servesGoalId: string | null;
  /** Last year's goal this one carries on (Trinn 8). */
  carriedFromId: string | null;
  /** A Kommunekompass finding (an area's Utfordring or Svakhet) this goal was made from. */
  fromKompass: { roundId: string; area: number } | null;
  /** What the year report says becomes of it: carried on, adjusted or ended. */
  outcome: GoalOutcome | null;
  version: number;
  removedAt: string | null;
}

export const GOAL_OUTCOMES = ['continue', 'adjust', 'end'] as const;
/** videreføres, justeres, avsluttes */
export type GoalOutcome = (typeof GOAL_OUTCOMES)[number];

export const GOAL_STATUSES = ['reached', 'on_track', 'uncertain', 'not_reached'] as const;
/** nådd, i rute, usikker, ikke nådd */
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface GoalReport {
  goalId: string;
  /** "2027-Q1" or, when the organisation follows up by tertial, "2027-T1". */
  period: string;
  status: GoalStatus;
  measured: number | null;
  comment: string | null;
  byOid: string;
  at: string;
}

export type ContributionKind = 'comment' | 'proposal';

/** A staff member's comment on a goal, or a proposed goal (Trinn 4), and the leader's answer. */
export interface Contribution {
  id: string;
  planId: string;
  goalId: string | null;
  kind: ContributionKind;
  authorOid: string;
  text: string;
  createdAt: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  /** The goal a proposal became, when the leader took it in. */
  takenInto: string | null;
}

export const GOAL_PROBLEMS = ['indicator', 'owner', 'due'] as const;
export type GoalProblem = (typeof GOAL_PROBLEMS)[number];

/** What the seed asks of a goal and this one lacks: measurable, one responsible person, a date. */
export function goalProblems(g: Pick<PlanGoal, 'indicator' | 'ownerOid' | 'due'>): GoalProblem[] {
  const problems: GoalProblem[] = [];
  if (!g.indicator?.trim()) problems.push('indicator');
  if (!g.ownerOid) problems.push('owner');
  if (!g.due) problems.push('due');
  return problems;
}

/** A plan is adopted with at least one goal, and every goal complete. */
export function adoptRefusal(goals: readonly PlanGoal[]): 'no-goals' | 'incomplete-goals' | null {
  const live = goals.filter((g) => g.removedAt === null);
  if (live.length === 0) return 'no-goals';
  return live.some((g) => goalProblems(g).length > 0) ? 'incomplete-goals' : null;
}

/** The follow-up periods of a year, and the one a date falls in. */
export type Cadence = 'quarter' | 'tertial';
export function followUpPeriods(year: number, cadence: Cadence): { id: string; ends: string }[] {
  const ends = cadence === 'quarter' ? ['03-31', '06-30', '09-30', '12-31'] : ['04-30', '08-31', '12-31'];
  const mark = cadence === 'quarter' ? 'Q' : 'T';
  return ends.map((end, i) => ({ id: `${year}-${mark}${i + 1}`, ends: `${year}-${end}` }));
}

export function followUpPeriodOf(date: string, cadence: Cadence): string {
  const year = Number(date.slice(0, 4));
  const found = followUpPeriods(year, cadence).find((p) => date <= p.ends);
  return found?.id ?? `${year}-${cadence === 'quarter' ? 'Q4' : 'T3'}`;
}

// Who leads a unit. The directory names each person's manager and unit, not a unit's leader.

export interface Person {
  oid: string;
  unitId: string | null;
  managerOid: string | null;
  roles: readonly AppRole[];
}

export interface UnitRef {
  id: string;
  parentId: string | null;
}

/** The organisation as the plan rules read it, indexed once: who leads each unit, the chain above it. */
export interface OrgIndex {
  leaderOf(unitId: string): string | null;
  unitOf(oid: string): string | null;
  /** The unit and every unit above it, nearest first. */
  chain(unitId: string): string[];
  root: string | null;
}

/**
 * Indexes units and people. A unit's leader: the member who leads people and answers to someone
 * outside the unit (or to nobody), the one leading most; failing that, the manager most of its members
 * answer to.
 */
export function indexOrganisation(units: readonly UnitRef[], people: readonly Person[]): OrgIndex {
  const members = new Map<string, Person[]>();
  const reports = new Map<string, number>();
  const unitOfPerson = new Map<string, string | null>();
  for (const p of people) {
    unitOfPerson.set(p.oid, p.unitId);
    if (p.unitId) members.set(p.unitId, [...(members.get(p.unitId) ?? []), p]);
    if (p.managerOid) reports.set(p.managerOid, (reports.get(p.managerOid) ?? 0) + 1);
  }
  const parents = new Map(units.map((u) => [u.id, u.parentId]));
  const leaders = new Map<string, string | null>();
  const leaderOf = (unitId: string): string | null => {
    const known = leaders.get(unitId);
    if (known !== undefined) return known;
    const inUnit = members.get(unitId) ?? [];
    const here = new Set(inUnit.map((m) => m.oid));
    const n = (oid: string) => reports.get(oid) ?? 0;
    const head = inUnit
      .filter((m) => (m.managerOid === null || !here.has(m.managerOid)) && n(m.oid) > 0)
      .sort((a, b) => n(b.oid) - n(a.oid) || a.oid.localeCompare(b.oid))[0];
    let leader = head?.oid ?? null;
    if (leader === null) {
      const managers = new Map<string, number>();
      for (const m of inUnit)
        if (m.managerOid && !here.has(m.managerOid))
          managers.set(m.managerOid, (managers.get(m.managerOid) ?? 0) + 1);
      leader = [...managers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    }
    leaders.set(unitId, leader);
    return leader;
  };
  const chain = (unitId: string): string[] => {
    const out: string[] = [];
    let at: string | null = unitId;
    while (at !== null && !out.includes(at)) {
      out.push(at);
      at = parents.get(at) ?? null;
    }
    return out;
  };
  return {
    leaderOf,
    unitOf: (oid) => unitOfPerson.get(oid) ?? null,
    chain,
    root: units.find((u) => u.parentId === null)?.id ?? null,
  };
}

/** What one person may do with one unit's plan. */
export interface PlanStanding {
  member: boolean;
  /** The unit's own leader. */
  leader: boolean;
  /** The leader of a unit above it. */
  above: boolean;
  hr: boolean;
  /** The top unit's leader reads every plan. */
  top: boolean;
}

export function planStanding(
  oid: string,
  roles: readonly AppRole[],
  unitId: string,
  org: OrgIndex,
): PlanStanding {
  return {
    member: org.unitOf(oid) === unitId,
    leader: org.leaderOf(unitId) === oid,
    above: org
      .chain(unitId)
      .slice(1)
      .some((u) => org.leaderOf(u) === oid),
    hr: roles.includes('HR'),
    top: org.root !== null && org.leaderOf(org.root) === oid,
  };
}

export const canReadPlan = (s: PlanStanding): boolean => s.member || s.leader || s.above || s.hr || s.top;
/** The unit leader and the leaders above write the plan. */
export const canWritePlan = (s: PlanStanding): boolean => s.leader || s.above;
/** The unit's people comment and propose while the plan is open for input; its leader answers them. */
export const canContribute = (s: PlanStanding, status: PlanStatus): boolean =>
  status === 'input' && s.member && !s.leader;
/** A goal's Ansvarsperson reports on it; the unit's leader may report for them. */
export const canReportGoal = (s: PlanStanding, goal: Pick<PlanGoal, 'ownerOid'>, oid: string): boolean =>
  goal.ownerOid === oid || s.leader;
