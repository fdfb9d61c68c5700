// The unit plans' follow-up (Trinn 6), as reminders: near the end of each quarter (or tertial) the
// bot asks each Ansvarsperson to report on their goals, until the deadline; the unit's leader gets one
// summary, when every goal is reported or at the deadline with who is missing. Keys are
// deterministic, so nothing is sent twice; the reminder machinery bundles, times and sends them.
import { byNorwegian } from './collate.ts';
import { followUpPeriodOf, followUpPeriods, type Cadence } from './unit-plan.ts';
import { addDays, isWorkingDay, workingDaysBefore, type DueMessage, type Holidays } from './reminders.ts';

/** The last working days of a period on which its report is asked for. */
export const REPORT_OPENS_DAYS = 5;
/** Working days after a period's end by which its report is due. */
export const REPORT_DEADLINE_DAYS = 10;

export interface PlanGoalState {
  tid: string;
  planId: string;
  year: number;
  unit: string;
  leaderOid: string | null;
  goalId: string;
  ownerOid: string;
  ownerName: string;
  /** The periods it has been reported for. */
  reported: readonly string[];
}

/** The working day n working days after date. */
export function workingDaysAfter(date: string, n: number, holidays: Holidays): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

export interface ReportWindow {
  period: string;
  opens: string;
  deadline: string;
  /** When the next period's window opens: the summary is owed until then. */
  until: string;
}

/** The report windows of a year's periods. */
export function reportWindows(year: number, cadence: Cadence, holidays: Holidays): ReportWindow[] {
  const periods = [...followUpPeriods(year, cadence), ...followUpPeriods(year + 1, cadence).slice(0, 1)];
  return periods.slice(0, -1).map((p, i) => ({
    period: p.id,
    opens: workingDaysBefore(addDays(p.ends, 1), REPORT_OPENS_DAYS, holidays),
    deadline: workingDaysAfter(p.ends, REPORT_DEADLINE_DAYS, holidays),
    until: workingDaysBefore(addDays(periods[i + 1]?.ends ?? p.ends, 1), REPORT_OPENS_DAYS, holidays),
  }));
}

/**
 * The period a report on a plan of planYear counts for on a day: the one whose report window is open
 * (from a period's last days to its deadline), else the running one of that year, or the first of a year
 * not yet begun; null for a past year once its last deadline has gone.
 */
export function reportPeriodFor(
  planYear: number,
  today: string,
  cadence: Cadence,
  holidays: Holidays,
): string | null {
  const year = Number(today.slice(0, 4));
  // A plan adopted for a year not yet begun reports first on its first period.
  if (year < planYear) return followUpPeriods(planYear, cadence)[0]?.id ?? null;
  const open = reportWindows(planYear, cadence, holidays).find(
    (w) => w.opens <= today && today <= w.deadline,
  );
  if (open) return open.period;
  return year === planYear ? followUpPeriodOf(today, cadence) : null;
}

const base = { role: null, templateKey: null, date: null } as const;

export function duePlanMessages(
  goals: readonly PlanGoalState[],
  today: string,
  cadence: Cadence,
  holidays: Holidays,
): DueMessage[] {
  const out: DueMessage[] = [];
  const windows = new Map<number, ReportWindow[]>();
  const windowsOf = (year: number) => {
    let w = windows.get(year);
    if (!w) {
      w = reportWindows(year, cadence, holidays);
      windows.set(year, w);
    }
    return w;
  };
  const plans = new Map<string, PlanGoalState[]>();
  for (const g of goals) plans.set(g.planId, [...(plans.get(g.planId) ?? []), g]);
  for (const [planId, planGoals] of plans) {
    const first = planGoals[0];
    if (!first) continue;
    for (const w of windowsOf(first.year)) {
      if (today < w.opens || today >= w.until) continue;
      const missing = planGoals.filter((g) => !g.reported.includes(w.period));
      if (today <= w.deadline)
        for (const g of missing)
          out.push({
            ...base,
            kind: 'plan-follow-up',
            key: `plan-followup:${g.goalId}:${w.period}:${g.ownerOid}`,
            tid: g.tid,
            recipientOid: g.ownerOid,
            subject: g.goalId,
            period: w.period,
            date: w.deadline,
            count: 1,
            unit: g.unit,
          });
      if (first.leaderOid && (missing.length === 0 || today > w.deadline))
        out.push({
          ...base,
          kind: 'plan-summary',
          key: `plan-summary:${planId}:${w.period}:${first.leaderOid}`,
          tid: first.tid,
          recipientOid: first.leaderOid,
          subject: planId,
          period: w.period,
          date: w.deadline,
          count: planGoals.length,
          unit: first.unit,
          missing: [...new Set(missing.map((g) => g.ownerName))].sort((a, b) => byNorwegian(a, b)),
        });
    }
  }
  return out;
}

export interface PlanNoticeState {
  tid: string;
  planId: string;
  year: number;
  unit: string;
  status: 'input' | 'closed';
  /** The unit's people (its leader excluded), and the leaders of the units above. */
  members: readonly string[];
  above: readonly string[];
}

/**
 * What the unit hears about its plan: while it is open for input, everyone in the unit is invited
 * (Trinn 4); once the year report is done and the plan closed, the unit and the leaders above it get
 * the report (Trinn 7). Each person once per plan.
 */
export function duePlanNotices(plans: readonly PlanNoticeState[]): DueMessage[] {
  return plans.flatMap((p) => {
    const kind = p.status === 'input' ? 'plan-input' : 'plan-report';
    const to = p.status === 'input' ? p.members : [...new Set([...p.members, ...p.above])];
    return to.map((oid): DueMessage => ({
      ...base,
      kind,
      key: `${kind}:${p.planId}:${oid}`,
      tid: p.tid,
      recipientOid: oid,
      subject: p.planId,
      period: String(p.year),
      count: 1,
      unit: p.unit,
    }));
  });
}
