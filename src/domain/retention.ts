// Retention: when a record goes, and what stays of it. Pure.

/** The Oslo-independent cut-off for private preparation: `days` days before now. */
export function preparationCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** What the audit trail keeps of a deleted record: what it was and when, never what it said or who. */
export function tombstone(r: {
  templateKey: string;
  period: string;
  archivedAt: string;
  disposeOn: string;
  parts: readonly string[];
}): { type: string; period: string; archivedAt: string; kassasjonsdato: string; parts: string } {
  return {
    type: r.templateKey,
    period: r.period,
    archivedAt: r.archivedAt,
    kassasjonsdato: r.disposeOn,
    parts: [...r.parts].sort().join(','),
  };
}

/** A hold's reason: said in a sentence, not left empty. */
export const HOLD_REASON_MAX = 500;
export function holdReasonProblem(reason: string): 'empty' | 'too-long' | null {
  const r = reason.trim();
  if (r.length === 0) return 'empty';
  if (r.length > HOLD_REASON_MAX) return 'too-long';
  return null;
}
