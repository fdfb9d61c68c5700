// The goals card: what it shows of each goal I report on, and what a submitted card changes. Clients
// send only inputs that hold a value, so an absent input means "as it was".
import { GOAL_STATUSES, type GoalReport, type GoalStatus } from '../src/domain/unit-plan.ts';
import { AppError } from '../src/errors/catalogue.ts';
import type { MyGoal } from '../src/usecases/list-my-goals.ts';
import type { GoalLine } from './cards/builders.ts';
import { COMMENT_MAX } from './follow-up-form.ts';

export function goalLine(g: MyGoal): GoalLine {
  const current = g.period ? g.reports.find((r) => r.period === g.period) : undefined;
  const last = g.reports.at(-1);
  return {
    goalId: g.goal.id,
    planId: g.planId,
    goal: g.goal.goal,
    unit: g.unit,
    indicator: g.goal.indicator,
    baseline: g.goal.baseline,
    target: g.goal.target,
    period: g.period,
    current: current
      ? { status: current.status, measured: current.measured, comment: current.comment }
      : null,
    last: last ? { period: last.period, status: last.status } : null,
  };
}

type Report = { status: GoalStatus; measured: number | null; comment: string | null };

/** What a submitted goals card says of one goal's report: a new report, nothing, or a report without a status. */
export function readGoalReport(
  data: Record<string, unknown>,
  ids: { status: string; measured: string; comment: string },
  current: GoalReport | undefined,
): Report | 'unchanged' | 'no-status' {
  const rawStatus = data[ids.status];
  const status = typeof rawStatus === 'string' && rawStatus !== '' ? rawStatus : undefined;
  if (status !== undefined && !GOAL_STATUSES.includes(status as GoalStatus))
    throw new AppError('VALIDATION_FAILED', { field: ids.status });
  const rawMeasured = data[ids.measured];
  // Input.Number sends a number; some clients send its text ("7,5").
  const measured =
    typeof rawMeasured === 'number'
      ? rawMeasured
      : typeof rawMeasured === 'string' && rawMeasured.trim() !== ''
        ? Number(rawMeasured.replace(',', '.'))
        : rawMeasured === undefined || rawMeasured === ''
          ? undefined
          : NaN;
  if (measured !== undefined && !Number.isFinite(measured))
    throw new AppError('VALIDATION_FAILED', { field: ids.measured });
  const rawComment = data[ids.comment];
  const comment = typeof rawComment === 'string' && rawComment.trim() ? rawComment.trim() : undefined;
  if (comment !== undefined && comment.length > COMMENT_MAX)
    throw new AppError('VALIDATION_FAILED', { field: ids.comment, max: COMMENT_MAX });
  const next: Partial<Report> = {
    status: (status as GoalStatus | undefined) ?? current?.status,
    measured: measured ?? current?.measured ?? null,
    comment: comment ?? current?.comment ?? null,
  };
  const changed =
    next.status !== current?.status ||
    next.measured !== (current?.measured ?? null) ||
    next.comment !== (current?.comment ?? null);
  if (!changed) return 'unchanged';
  if (!next.status) return 'no-status';
  return { status: next.status, measured: next.measured ?? null, comment: next.comment ?? null };
}
