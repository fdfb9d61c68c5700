// What every use case shares: its dependencies, template lookup, and access-checked loading.
import { nextStep, partyOf, type Conversation } from '../domain/conversation.ts';
import { canReadContent, canSeeStatus, standing, type Actor, type Standing } from '../domain/policy.ts';
import {
  FEEDBACK_MIN_ANSWERS_FLOOR,
  feedbackResult,
  recordPart,
  type FeedbackRecordPart,
} from '../domain/feedback.ts';
import { recordHash, sharedRecord } from '../domain/record.ts';
import type { Signature } from '../domain/signatures.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import { preparation, type Party, type Template } from '../domain/templates/model.ts';
import { AppError } from '../errors/catalogue.ts';
import type { PersonRef, StatusView } from '../contract/views.ts';
import type { ChangeFeed, Clock, Directory, PlanCopyKind, Store } from '../ports.ts';
import type { Holidays } from '../domain/reminders.ts';
import type { Cadence } from '../domain/unit-plan.ts';

export interface Deps {
  store: Store;
  directory: Directory;
  clock: Clock;
  newId(): string;
  /** Template snapshots never change once written, so they are safe to keep in memory. */
  templateCache: Map<string, Template>;
  events: DomainEvents;
  /** Open pages are told when a conversation changes (see notifyChanged). */
  changes: ChangeFeed;
  /** How the organisation follows its plans up (quarter or tertial), and the days nothing is due. */
  schedule: { cadence: Cadence; holidays(around: Date): Holidays };
  /** Answers a feedback round needs before its result is shown; never below 3 (the domain's floor). */
  feedbackMinAnswers?: number;
}

/** What happens after a use case commits: background work (archiving) is started from here. */
export interface DomainEvents {
  recordSigned(conversationId: string): Promise<void>;
  /** A plan was adopted, or closed with its year report: a copy is due in the archive. */
  planArchivable(planId: string, kind: PlanCopyKind): Promise<void>;
  /** A Kommunekompass round was finished: its report is due in the archive. */
  roundFinished(roundId: string): Promise<void>;
}

export const NO_EVENTS: DomainEvents = {
  recordSigned: () => Promise.resolve(),
  planArchivable: () => Promise.resolve(),
  roundFinished: () => Promise.resolve(),
};

export const nowIso = (deps: Pick<Deps, 'clock'>) => deps.clock.now().toISOString();

/** The calendar year in Europe/Oslo: the default period of a yearly conversation. */
export function currentPeriod(deps: Pick<Deps, 'clock'>): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric' }).format(
    deps.clock.now(),
  );
}

export async function templateVersion(
  deps: Deps,
  key: string,
  version: string,
  store: Store = deps.store,
): Promise<Template> {
  const id = `${key}@${version}`;
  const cached = deps.templateCache.get(id);
  if (cached) return cached;
  const builtIn = builtInTemplate(key);
  const template = builtIn?.version === version ? builtIn : await store.templateSnapshot(key, version);
  if (!template) throw new AppError('TEMPLATE_NOT_FOUND', { key, version });
  deps.templateCache.set(id, template);
  return template;
}

/** The template an organisation uses now: its customisation when it has one, else the built-in. */
export async function currentTemplate(deps: Deps, tid: string, key: string): Promise<Template> {
  const base = builtInTemplate(key);
  if (!base) throw new AppError('TEMPLATE_NOT_FOUND', { key });
  const custom = await deps.store.currentCustomisation(tid, key);
  return custom ? templateVersion(deps, key, custom.version) : base;
}

export interface Loaded {
  conversation: Conversation;
  template: Template;
  standing: Standing;
}

/**
 * Loads a conversation for an actor. Someone who may not even see its status gets 404, so
 * the existence of other people's conversations is not disclosed.
 */
export async function loadConversation(
  deps: Deps,
  actor: Actor,
  id: string,
  opts: { need?: 'status' | 'content' | 'party' } = {},
): Promise<Loaded> {
  const conversation = await deps.store.conversation(id);
  if (!conversation || conversation.tid !== actor.tid) throw new AppError('CONVERSATION_NOT_FOUND');
  // The employee's manager matters only to someone who is not a party.
  const manager = partyOf(conversation, actor.oid)
    ? null
    : ((await deps.directory.user(conversation.tid, conversation.employeeOid))?.managerOid ?? null);
  const s = standing(actor, conversation, manager);
  if (!canSeeStatus(s)) throw new AppError('CONVERSATION_NOT_FOUND');
  const need = opts.need ?? 'content';
  if (need === 'content' && !canReadContent(s, conversation)) throw new AppError('FORBIDDEN');
  if (need === 'party' && s.party === null) throw new AppError('FORBIDDEN');
  const template = await templateVersion(deps, conversation.templateKey, conversation.templateVersion);
  return { conversation, template, standing: s };
}

/** asParty's own refusal, made only when it happens: an Error costs a stack trace on every save. */
class NotParty extends AppError {
  constructor() {
    super('FORBIDDEN');
  }
}

/**
 * Runs a party's write in one transaction that holds the conversation's row lock, so status checks
 * and the write cannot interleave with a transition or a signature. Only the transaction's store is
 * used inside: PGlite has a single connection, and any other query would wait for this one forever.
 * Someone who is not a party learns afterwards, outside the transaction, whether it is 404 or 403.
 */
export async function asParty<T>(
  deps: Deps,
  actor: Actor,
  id: string,
  write: (tx: Store, loaded: Loaded & { party: Party }) => Promise<T>,
): Promise<T> {
  try {
    return await deps.store.transaction(async (tx) => {
      const conversation = await tx.conversation(id, { forUpdate: true });
      if (!conversation || conversation.tid !== actor.tid) throw new AppError('CONVERSATION_NOT_FOUND');
      const s = standing(actor, conversation, null);
      if (s.party === null) throw new NotParty();
      const template = await templateVersion(
        deps,
        conversation.templateKey,
        conversation.templateVersion,
        tx,
      );
      return write(tx, { conversation, template, standing: s, party: s.party });
    });
  } catch (error) {
    if (!(error instanceof NotParty)) throw error;
    await loadConversation(deps, actor, id, { need: 'party' });
    throw error;
  }
}

/** The figures the signed record holds when the assessed leader chose so; undefined otherwise. */
export async function feedbackInRecord(
  store: Store,
  conversationId: string,
): Promise<FeedbackRecordPart | undefined> {
  const round = await store.feedback.roundOf(conversationId);
  if (!round || round.shared !== 'record' || round.closedAt === null) return undefined;
  // Closed for good when chosen, and counted against the floor, so a later change of the configured
  // minimum can never change a record already signed.
  const result = feedbackResult(
    round,
    await store.feedback.responses(round.id),
    round.closesOn,
    FEEDBACK_MIN_ANSWERS_FLOOR,
  );
  return result ? recordPart(result) : undefined;
}

export async function currentHash(
  store: Store,
  conversation: Conversation,
  template: Template,
): Promise<string> {
  const [answers, items, feedback] = await Promise.all([
    store.answers(conversation.id),
    store.items(conversation.id),
    feedbackInRecord(store, conversation.id),
  ]);
  return recordHash(
    template,
    sharedRecord(conversation, template, answers, items, feedback),
    conversation.salarySalt,
  );
}

/** Status only, never content: what leaders see of their reports' conversations, and HR of all. */
export async function statusView(
  deps: Deps,
  c: Conversation,
  signatures: readonly Signature[] | null = null,
): Promise<StatusView> {
  const template = await templateVersion(deps, c.templateKey, c.templateVersion);
  const [leader, employee] = await Promise.all([
    person(deps, c.tid, c.leaderOid),
    person(deps, c.tid, c.employeeOid),
  ]);
  const signed = (
    signatures ?? (c.status === 'awaiting_signatures' ? await deps.store.signatures(c.id) : [])
  ).map((s) => s.party);
  // Before the meeting: who still has preparation to write.
  const prep = preparation(template);
  const unprepared =
    c.status === 'planned' || c.status === 'preparing'
      ? await deps.store
          .preparedParties(c.id, prep.fieldIds)
          .then((done) => prep.parties.filter((p) => !done.includes(p)))
      : [];
  const next = nextStep(c.status, signed, unprepared);
  return {
    id: c.id,
    template: {
      key: template.key,
      version: template.version,
      name: template.name,
      title: template.title,
      parties: template.parties,
    },
    period: c.period,
    status: c.status,
    scheduledAt: c.scheduledAt,
    scheduledTime: c.scheduledTime,
    durationMinutes: c.durationMinutes,
    unitId: c.unitId,
    parties: { leader, employee },
    nextStep: next.step,
    waitingFor: next.waitingFor.map((p) => (p === 'leader' ? leader : employee)),
    updatedAt: c.updatedAt,
  };
}

export async function person(deps: Deps, tid: string, oid: string): Promise<PersonRef> {
  const u = await deps.directory.user(tid, oid);
  return { oid, name: u?.name ?? oid };
}

export async function audit(
  store: Store,
  actor: Actor,
  action: string,
  subject: string,
  at: string,
  data: Record<string, string | number | boolean | null> = {},
) {
  await store.appendAudit({ tid: actor.tid, at, actorOid: actor.oid, action, subject, data });
}

/** After a write has committed: the conversation's open pages read it again. */
export function notifyChanged(
  deps: Pick<Deps, 'changes' | 'clock'>,
  actor: Pick<Actor, 'oid'>,
  conversationId: string,
  visibility: 'shared' | 'private' = 'shared',
): void {
  deps.changes.publish({ conversationId, visibility, byOid: actor.oid, at: nowIso(deps) });
}
