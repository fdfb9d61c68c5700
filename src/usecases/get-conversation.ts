import type { ActionItem, Slot } from '../domain/answers.ts';
import type { Json } from '../domain/canonical-json.ts';
import { availableTransitions } from '../domain/conversation.ts';
import { canReadSlot, readableSections, type Actor } from '../domain/policy.ts';
import { contentHash, sharedRecord, validSignatures, type Answer } from '../domain/record.ts';
import { ITEM_KINDS, type Field, type Template } from '../domain/templates/model.ts';
import type { Store } from '../ports.ts';
import {
  audit,
  loadConversation,
  nowIso,
  statusView,
  type Deps,
  type Loaded,
  type StatusView,
} from './support.ts';

export interface AnswerView {
  value: Json;
  version: number;
  updatedBy: string;
  updatedAt: string;
  sharedAt: string | null;
}

export interface FieldView {
  id: string;
  answers: Partial<Record<Slot, AnswerView>>;
  items?: ActionItem[];
  previous?: { period: string; items: ActionItem[] };
}

export interface ConversationView extends StatusView {
  you: 'leader' | 'employee' | null;
  transitions: string[];
  contentHash: string;
  signatures: {
    party: string;
    name: string;
    upn: string;
    signedAt: string;
    contentHash: string;
    valid: boolean;
  }[];
  sections: { id: string; fields: FieldView[] }[];
  /** Sections the caller may not read (e.g. Punkt 4 for HR without HR.Salary): named, never shown. */
  withheldSections: string[];
  /** The template version this conversation started with, limited to the sections the caller may read. */
  definition: Template;
}

/** The whole conversation as the caller may see it: private preparation and salary filtered by policy. */
export async function getConversation(deps: Deps, actor: Actor, id: string): Promise<ConversationView> {
  const loaded = await loadConversation(deps, actor, id, { need: 'content' });
  const { conversation, template, standing } = loaded;
  const [answers, items, signatures] = await Promise.all([
    deps.store.answers(id),
    deps.store.items(id),
    deps.store.signatures(id),
  ]);
  const hash = contentHash(sharedRecord(conversation, template, answers, items));
  const valid = new Set(validSignatures(signatures, hash).map((s) => s.party));
  const previous = await previousItems(deps.store, loaded);
  // HR reads only archived records, and every such read is on the audit trail.
  if (standing.party === null && standing.hr)
    await audit(deps.store, actor, 'record.read-by-hr', id, nowIso(deps), { salary: standing.hrSalary });
  const readable = readableSections(standing, conversation, template);

  const sections = readable.map((section) => ({
    id: section.id,
    fields: section.fields.map((field) => fieldView(field, answers, items, previous, loaded)),
  }));
  return {
    ...(await statusView(deps, conversation, signatures)),
    you: standing.party,
    transitions: standing.party === 'leader' ? availableTransitions(conversation.status) : [],
    contentHash: hash,
    signatures: signatures.map((s) => ({
      party: s.party,
      name: s.name,
      upn: s.upn,
      signedAt: s.signedAt,
      contentHash: s.contentHash,
      valid: valid.has(s.party),
    })),
    sections,
    withheldSections: template.sections.filter((s) => !readable.includes(s)).map((s) => s.id),
    definition: { ...template, sections: readable },
  };
}

function fieldView(
  field: Field,
  answers: readonly Answer[],
  items: readonly ActionItem[],
  previous: PreviousItems,
  loaded: Loaded,
): FieldView {
  const view: FieldView = { id: field.id, answers: {} };
  for (const a of answers) {
    if (a.fieldId !== field.id || !canReadSlot(loaded.standing, field, a.slot, a.sharedAt)) continue;
    view.answers[a.slot] = {
      value: a.value,
      version: a.version,
      updatedBy: a.updatedBy,
      updatedAt: a.updatedAt,
      sharedAt: a.sharedAt,
    };
  }
  if (ITEM_KINDS.has(field.kind)) view.items = items.filter((i) => i.fieldId === field.id);
  if (field.kind === 'previousItems' && previous) {
    view.previous = {
      period: previous.period,
      items: previous.items.filter((i) => i.fieldId === field.sourceFieldId),
    };
  }
  return view;
}

type PreviousItems = { period: string; items: ActionItem[] } | null;

/** The previous period's plan items with their follow-up status (Oslo Del I shows Del II of last time). */
async function previousItems(store: Store, { conversation, template }: Loaded): Promise<PreviousItems> {
  if (!template.sections.some((s) => s.fields.some((f) => f.kind === 'previousItems'))) return null;
  const previous = await store.previousConversation(conversation);
  if (!previous) return null;
  return { period: previous.period, items: await store.items(previous.id) };
}
