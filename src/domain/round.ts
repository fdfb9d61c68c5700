// HR's rounds: what makes one valid. Pure.

export type RoundProblem =
  'deadline-passed' | 'deadline-outside-period' | 'nobody-in-scope' | 'people-outside-units';

/** Why a round cannot be defined as given, or null. `today` and `deadline` are YYYY-MM-DD (Oslo). */
export function roundProblem(r: {
  period: string;
  deadline: string;
  today: string;
  people: readonly string[];
  /** The people of the chosen units, from the directory. */
  inUnits: ReadonlySet<string>;
}): RoundProblem | null {
  if (r.deadline < r.today) return 'deadline-passed';
  // A yearly round ends in its year or early the next (conversations for 2026 held by February 2027).
  const year = Number(r.period.slice(0, 4));
  const deadlineYear = Number(r.deadline.slice(0, 4));
  if (deadlineYear < year || deadlineYear > year + 1) return 'deadline-outside-period';
  if (r.people.length === 0) return 'nobody-in-scope';
  if (r.people.some((p) => !r.inUnits.has(p))) return 'people-outside-units';
  return null;
}
