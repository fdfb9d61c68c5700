// The template model as the tab sees it (mirrors src/domain/templates/model.ts, which is served as data).
export type Party = 'leader' | 'employee';
export type Writer = Party | 'either' | 'both-separately';
export interface GuideQuestion {
  text: string;
  sub?: string[];
}
export interface Option {
  id: string;
  label: string;
}
export interface Column {
  id: string;
  label: string;
  group?: string;
  hint?: string;
  type: 'text' | 'person' | 'date' | 'rating';
  options?: Option[];
  role?: 'owner' | 'due';
}
export interface Field {
  id: string;
  label: string;
  guide?: GuideQuestion[];
  writer: Writer;
  visibility: 'shared' | 'private';
  kind: 'text' | 'reflection' | 'date' | 'person' | 'rating' | 'score' | 'checklist' | 'goalList' | 'actionPlan' | 'previousItems';
  options?: Option[];
  max?: number;
  columns?: Column[];
  sourceFieldId?: string;
}
export interface Section {
  id: string;
  title: string;
  part?: string;
  intro?: string[];
  guideHeading?: string;
  guide?: GuideQuestion[];
  sensitivity: 'normal' | 'salary';
  fields: Field[];
}
export interface Template {
  key: string;
  version: string;
  title: string;
  subtitle?: string;
  parties: Record<Party, string>;
  purpose?: { heading: string; lead: string; points: string[] };
  basisDocuments?: { heading: string; items: string[] };
  marking: { text: string };
  sections: Section[];
}

export type Status = 'planned' | 'preparing' | 'held' | 'awaiting_signatures' | 'signed' | 'archived' | 'cancelled';

/** Mirrors the server's rules so the form shows what is editable; the server still decides. */
export function editable(field: Field, status: Status, you: Party | null): boolean {
  if (!you || field.kind === 'previousItems') return false;
  const writes = field.writer === 'either' || field.writer === 'both-separately' || field.writer === you;
  if (!writes) return false;
  if (field.visibility === 'private') return status === 'planned' || status === 'preparing' || status === 'held';
  return status === 'preparing' || status === 'held' || status === 'awaiting_signatures';
}
