import type { ConversationView, FieldView } from '../contract/views.ts';
import type { ActionItem, Answer } from '../domain/answers.ts';
import { isLocked } from '../domain/conversation.ts';
import {
  allowedTransitions,
  canEditField,
  canReadArchiveCopy,
  canReadSlot,
  canRecordFollowUp,
  canShare,
  readableSections,
  signRefusal,
  type Actor,
} from '../domain/policy.ts';
import { recordHash, sharedRecord } from '../domain/record.ts';
import { validSignatures } from '../domain/signatures.ts';
import { ITEM_KINDS, type Field, type Section } from '../domain/templates/model.ts';
import type { Store } from '../ports.ts';
import {
  audit,
  feedbackInRecord,
  loadConversation,
  nowIso,
  person,
  statusView,
  type Deps,
  type Loaded,
} from './support.ts';

/**
 * The whole conversation as the caller may see it: private preparation and salary filtered by policy,
 * and what the caller may do (edit which fields, share, which transitions, sign), decided here once.
 */
export async function getConversation(deps: Deps, actor: Actor, id: string): Promise<ConversationView> {
  const loaded = await loadConversation(deps, actor, id, { need: 'content' });
  const { conversation, template, standing } = loaded;
  const [answers, items, signatures, copies, links, feedback] = await Promise.all([
    deps.store.answers(id),
    deps.store.items(id),
    deps.store.signatures(id),
    conversation.status === 'archived' ? deps.store.archiveCopies(id) : Promise.resolve([]),
    deps.store.fieldLinks(id),
    feedbackInRecord(deps.store, id),
  ]);
  const hash = recordHash(
    template,
    sharedRecord(conversation, template, answers, items, feedback),
    conversation.salarySalt,
  );
  const valid = new Set(validSignatures(signatures, hash).map((s) => s.party));
  const previous = await previousItems(deps.store, loaded);
  // HR reads only archived records, and every such read is on the audit trail.
  if (standing.party === null && standing.hr)
    await audit(deps.store, actor, 'record.read-by-hr', id, nowIso(deps), { salary: standing.hrSalary });
  const readable = readableSections(standing, conversation, template);

  const status = await statusView(deps, conversation, signatures);
  const parties = status.parties;
  return {
    ...status,
    you: standing.party,
    locked: isLocked(conversation.status),
    canShare: canShare(standing, conversation, template, answers),
    canTransition: allowedTransitions(standing, conversation),
    canSign: signRefusal(standing, conversation, signatures, hash) === undefined,
    reopened:
      conversation.status === 'held' && conversation.reopened
        ? {
            at: conversation.reopened.at,
            by: await person(deps, conversation.tid, conversation.reopened.byOid),
            voided: conversation.reopened.voided.map((p) =>
              p === 'leader' ? parties.leader : parties.employee,
            ),
          }
        : null,
    emptyFields: conversation.status === 'held' ? emptyFields(readable, answers, items) : [],
    canOpenCopies: copies.map((c) => c.part).filter((part) => canReadArchiveCopy(standing, part)),
    contentHash: hash,
    signatures: signatures.map((s) => ({
      party: s.party,
      name: s.name,
      upn: s.upn,
      signedAt: s.signedAt,
      contentHash: s.contentHash,
      valid: valid.has(s.party),
    })),
    sections: readable.map((section) => ({
      id: section.id,
      fields: section.fields.map((field) =>
        fieldView(actor, section, field, { answers, items, previous, links }, loaded),
      ),
    })),
    withheldSections: template.sections.filter((s) => !readable.includes(s)).map((s) => s.id),
    definition: { ...template, sections: readable },
  };
}

interface Content {
  answers: readonly Answer[];
  items: readonly ActionItem[];
  previous: PreviousItems;
  links: Record<string, string>;
}

function fieldView(
  actor: Actor,
  section: Section,
  field: Field,
  { answers, items, previous, links }: Content,
  { standing, conversation }: Loaded,
): FieldView {
  const view: FieldView = {
    id: field.id,
    editable: canEditField(standing, conversation, section, field),
    answers: {},
  };
  for (const a of answers) {
    if (a.fieldId !== field.id || !canReadSlot(standing, field, a.slot, a.sharedAt)) continue;
    view.answers[a.slot] = {
      value: a.value,
      version: a.version,
      updatedBy: a.updatedBy,
      updatedAt: a.updatedAt,
      sharedAt: a.sharedAt,
    };
  }
  if (ITEM_KINDS.has(field.kind)) {
    const followUpOpen = isLocked(conversation.status);
    view.items = items
      .filter((i) => i.fieldId === field.id)
      .map((i) => ({ ...i, canFollowUp: followUpOpen && canRecordFollowUp(actor, i, conversation) }));
  }
  if (field.servesUnitGoal) view.servesGoalId = links[field.id] ?? null;
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

const filled = (v: unknown) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** The shared fields of the record nobody has filled in: what to check before sending it for signing. */
function emptyFields(sections: readonly Section[], answers: readonly Answer[], items: readonly ActionItem[]) {
  return sections.flatMap((section) =>
    section.fields
      .filter((f) => f.visibility === 'shared' && f.kind !== 'previousItems')
      .filter((f) =>
        ITEM_KINDS.has(f.kind)
          ? !items.some((i) => i.fieldId === f.id)
          : !answers.some((a) => a.fieldId === f.id && filled(a.value)),
      )
      .map((f) => ({ id: f.id, label: f.label, section: section.title })),
  );
}
