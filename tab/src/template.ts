// The template model is the server's own (served as data); the tab imports its types only.
import type { Field, Party } from '../../src/domain/templates/model.ts';

export type {
  Column,
  Field,
  GuideQuestion,
  Option,
  Party,
  Section,
  Template,
  Writer,
} from '../../src/domain/templates/model.ts';

export type Status =
  'planned' | 'preparing' | 'held' | 'awaiting_signatures' | 'signed' | 'archived' | 'cancelled';

/** Mirrors the server's rules so the form shows what is editable; the server still decides. */
export function editable(field: Field, status: Status, you: Party | null): boolean {
  if (!you || field.kind === 'previousItems') return false;
  const writes = field.writer === 'either' || field.writer === 'both-separately' || field.writer === you;
  if (!writes) return false;
  if (field.visibility === 'private')
    return status === 'planned' || status === 'preparing' || status === 'held';
  return status === 'preparing' || status === 'held' || status === 'awaiting_signatures';
}
