// The ports use cases depend on. Adapters in src/adapters implement them.
import type { Contribution, GoalReport, PlanGoal, PlanStatus, UnitPlan } from './domain/unit-plan.ts';
import type { ActionItem, CellMeta, Cells, FollowUpStatus, FollowUpUpdate, Slot } from './domain/answers.ts';
import type { ArchiveMetadata, ArchivePart } from './domain/archive.ts';
import type { FeedbackResponse, FeedbackRound, FeedbackShare } from './domain/feedback.ts';
import type { KompassRound, RespondentGroup, RoundStatus, SubAreaScore } from './domain/kompass-round.ts';
import type { DueMessage, ReminderState } from './domain/reminders.ts';
import type { AuditCheckpoint, AuditEvent, StoredAuditEvent } from './domain/audit.ts';
import type { Json } from './domain/canonical-json.ts';
import type { DirectoryChangeInput } from './domain/directory.ts';
import type { Conversation, Reopening, Status } from './domain/conversation.ts';
import type { AppRole } from './domain/policy.ts';
import type { Answer } from './domain/answers.ts';
import type { Signature } from './domain/signatures.ts';
import type { Locale } from './contract/words/index.ts';
import type { Party, Template } from './domain/templates/model.ts';

export interface DirectoryUser {
  tid: string;
  oid: string;
  name: string;
  upn: string;
  unitId: string | null;
  managerOid: string | null;
  roles: AppRole[];
}

export interface Unit {
  id: string;
  name: string;
  parentId: string | null;
}

/** Who leads whom: the demo organisation locally, Entra ID through Graph in m365 mode. */
export interface Directory {
  user(tid: string, oid: string): Promise<DirectoryUser | undefined>;
  /** By name; a page of them when asked (after: the last name and oid of the page before). */
  directReports(
    tid: string,
    managerOid: string,
    page?: { limit: number; after?: { name: string; oid: string } },
  ): Promise<DirectoryUser[]>;
  /** How many people someone leads directly. */
  countDirectReports(tid: string, managerOid: string): Promise<number>;
  users(tid: string): Promise<DirectoryUser[]>;
  units(tid: string): Promise<Unit[]>;
}

/** One person as a delta round reports them (see applyDirectoryChange for what each field means). */
export type DirectoryChange = DirectoryChangeInput;

/** One page of a delta round: more to come (next), or the round's end (deltaLink, for the next round). */
export interface DirectoryDeltaPage {
  changes: DirectoryChange[];
  next?: string;
  deltaLink?: string;
}

/** Entra ID's people, read as delta rounds (Graph /users/delta) and one person at a time. */
export interface DirectorySource {
  tenantId: string;
  /** The first page of a full round (link null), or the page a next or delta link points to. Throws DirectoryResyncRequired when the link has expired. */
  deltaPage(link: string | null): Promise<DirectoryDeltaPage>;
  /** One person, for someone who signs in between two rounds. */
  user(oid: string): Promise<DirectoryChange | undefined>;
}

/** The service no longer knows a delta link's state (410 Gone): only a new full round brings the copy back in step. */
export class DirectoryResyncRequired extends Error {
  constructor(detail: string) {
    super(`directory sync must start over: ${detail}`);
    this.name = 'DirectoryResyncRequired';
  }
}

/** Where a tenant's directory sync stands. */
export interface DirectorySyncState {
  deltaLink: string | null;
  nextLink: string | null;
  /** The full round under way or last finished (its start, in ms), which marks who was seen. */
  round: number | null;
  fullRound: boolean;
  syncedAt: string | null;
  rounds: number;
}

/** The database's copy of the directory, written by the sync. */
export interface DirectoryCopy {
  syncState(tid: string): Promise<DirectorySyncState | undefined>;
  /**
   * Applies one page in one transaction and notes where the round stands. Returns the people whose
   * manager changed, with their new manager.
   */
  applyPage(
    tid: string,
    changes: readonly DirectoryChange[],
    state: Omit<DirectorySyncState, 'rounds' | 'syncedAt'>,
    lease: { owner: string; ms: number },
  ): Promise<{
    changed: number;
    removed: number;
    managerChanged: { oid: string; managerOid: string | null }[];
  }>;
  /** Ends a round: the delta link kept; after a full round, everyone active not seen in it has left. */
  finishRound(tid: string, deltaLink: string, at: string): Promise<{ left: number }>;
  /** Forgets the delta link, so the next round is a full one. */
  restart(tid: string): Promise<void>;
  /** Takes the tenant's sync for leaseMs (false: another sync holds it); applyPage renews it. */
  claim(tid: string, owner: string, leaseMs: number): Promise<boolean>;
  release(tid: string, owner: string): Promise<void>;
}

/** HR keeps a record past its kassasjonsdato ("bevares"). */
export interface RetentionHold {
  reason: string;
  placedBy: string;
  placedAt: string;
}

/** A record whose kassasjonsdato has passed (held ones included, so a dry run can say they stay). */
export interface DisposalCandidate {
  conversationId: string;
  tid: string;
  templateKey: string;
  period: string;
  /** The latest kassasjonsdato of its copies. */
  disposeOn: string;
  archivedAt: string;
  copies: ArchiveCopyRow[];
  hold: RetentionHold | null;
  /** The job has begun deleting it (its copies may be gone already). */
  disposing: boolean;
}

/** What the retention job reads and deletes. */
export interface RetentionStore {
  /** Records whose every copy's kassasjonsdato is on or before `today`, in id order after `after`. */
  dueForDisposal(
    today: string,
    defaultYears: number,
    limit: number,
    after: string | null,
  ): Promise<DisposalCandidate[]>;
  /** Marks a record as being deleted unless it is held (then 'held'). */
  beginDisposal(conversationId: string, at: string): Promise<'ok' | 'held' | 'gone'>;
  /** The deletion did not begin after all (the archive refused before any copy went): holds are possible again. */
  cancelDisposal(conversationId: string): Promise<void>;
  /** Deletes the record and everything of it in the database (answers, items, signatures, copies' rows). */
  dispose(conversationId: string): Promise<boolean>;
  /** Archived records whose unshared private preparation is due for deletion (archived before `cutoff`). */
  preparationDue(
    cutoff: string,
    limit: number,
    after: string | null,
  ): Promise<{ conversationId: string; tid: string; answers: number }[]>;
  /**
   * Deletes unshared private preparation, and the feedback on the leader with it (but a round's ratings
   * whose figures the record holds); returns how many preparation answers went.
   */
  disposePreparation(conversationId: string, at: string): Promise<number>;
  hold(conversationId: string): Promise<RetentionHold | null>;
  /** 'disposing': the job has begun deleting the record, too late to keep it. */
  placeHold(h: RetentionHold & { conversationId: string; tid: string }): Promise<'ok' | 'disposing'>;
  removeHold(conversationId: string): Promise<boolean>;
}

/** A round HR runs: a template and period for the people in scope, done by a deadline. */
export interface Round {
  id: string;
  tid: string;
  templateKey: string;
  period: string;
  /** YYYY-MM-DD, Oslo. */
  deadline: string;
  unitIds: string[];
  createdBy: string;
  createdAt: string;
}
export interface RoundPerson {
  oid: string;
  name: string;
  unitId: string | null;
  /** The unit's name ('' without one): the order people are listed in. */
  unitName: string;
  /** Their conversation of the round's template and period (not cancelled), or null for none. */
  status: Status | null;
  conversationId: string | null;
}
export interface RoundPeopleCursor {
  unitName: string;
  name: string;
  oid: string;
}
export interface RoundStore {
  insertRound(r: Round, people: readonly string[]): Promise<void>;
  round(id: string): Promise<Round | undefined>;
  /** A tenant's rounds, newest deadline first; period: only that period's. */
  rounds(
    tid: string,
    period?: string,
  ): Promise<(Round & { inScope: number; done: number; withConversation: number })[]>;
  /** The periods a tenant has rounds for (for the period selector). */
  periods(tid: string): Promise<string[]>;
  /** A page of the people in scope with their conversation's status, by unit name, then name. */
  people(
    roundId: string,
    page: { limit: number; after?: RoundPeopleCursor | undefined },
  ): Promise<RoundPerson[]>;
  /** Per unit: everyone in scope, those with a conversation of the round, those signed. */
  coverageByUnit(
    roundId: string,
  ): Promise<{ unitId: string | null; inScope: number; withConversation: number; done: number }[]>;
  deleteRound(id: string): Promise<boolean>;
}

export type SaveResult = { ok: true; answer: Answer } | { ok: false; current: Answer | null };

export interface ConversationFilter {
  tid: string;
  period?: string;
  status?: Status;
  /** Only these employees' conversations. */
  employeeOids?: readonly string[];
}

/** Units' plans: one per unit and year, its goals, the staff's input and the goals' follow-up. */
export interface PlanStore {
  insertPlan(p: UnitPlan): Promise<'ok' | 'exists'>;
  plan(id: string, opts?: { forUpdate?: boolean }): Promise<UnitPlan | undefined>;
  planFor(tid: string, unitId: string, year: number): Promise<UnitPlan | undefined>;
  plansIn(tid: string, years: readonly number[]): Promise<UnitPlan[]>;
  /** Null when the plan's version is not baseVersion (someone else changed it). */
  updatePlan(
    id: string,
    change: {
      status?: PlanStatus;
      answers?: Record<string, unknown>;
      adoptedAt?: string;
      adoptedBy?: string;
      at: string;
    },
    baseVersion: number,
  ): Promise<UnitPlan | undefined>;
  goals(planIds: readonly string[]): Promise<PlanGoal[]>;
  /** The live goals of these plans with only what the red thread shows (a narrow read of many rows). */
  threadGoals(
    planIds: readonly string[],
  ): Promise<Pick<PlanGoal, 'id' | 'planId' | 'position' | 'goal' | 'ownerOid' | 'servesGoalId'>[]>;
  goal(id: string, opts?: { forUpdate?: boolean }): Promise<PlanGoal | undefined>;
  goalsById(ids: readonly string[]): Promise<PlanGoal[]>;
  /** Added last in its plan. */
  insertGoal(g: PlanGoal): Promise<void>;
  updateGoal(g: PlanGoal, baseVersion: number): Promise<PlanGoal | undefined>;
  contributions(planId: string): Promise<Contribution[]>;
  contribution(id: string): Promise<Contribution | undefined>;
  insertContribution(c: Contribution): Promise<void>;
  /** Undefined when it was answered already. */
  answerContribution(a: {
    id: string;
    answer: string;
    by: string;
    at: string;
    takenInto: string | null;
  }): Promise<Contribution | undefined>;
  reports(goalIds: readonly string[]): Promise<GoalReport[]>;
  /** A goal's report for a period; a second report for the same period replaces the first. */
  saveReport(r: GoalReport): Promise<void>;
  /** The live goals someone is Ansvarsperson for in adopted plans (or in their year report) of these years. */
  goalsOwnedBy(
    tid: string,
    oid: string,
    years: readonly number[],
  ): Promise<{ goal: PlanGoal; plan: UnitPlan }[]>;
  /** The plans of these years, in every tenant, that are at one of these stages. */
  plansAt(years: readonly number[], statuses: readonly PlanStatus[]): Promise<UnitPlan[]>;
  /** Every owned goal of the adopted plans (or in their year report) of these years, with the periods reported. */
  /** The archived copies of a plan (adopted, year report). */
  archiveCopies(planId: string): Promise<PlanArchiveCopy[]>;
  recordArchiveCopy(row: PlanArchiveCopy): Promise<void>;
  /** Plans at these stages with no copy of this kind yet: the archive sweep's catch-up list. */
  awaitingArchive(): Promise<{ planId: string; kind: PlanCopyKind }[]>;
  followUpState(years: readonly number[]): Promise<
    {
      tid: string;
      planId: string;
      year: number;
      unitId: string;
      goalId: string;
      ownerOid: string;
      reported: string[];
    }[]
  >;
}

/** A finished round's archived report. */
export interface ReportCopy {
  roundId: string;
  path: string;
  location: string;
  checksum: string;
  archivedAt: string;
  metadataChecksum: string;
}

/** A note an assessor writes per area (Styrker, Utfordringer, Svakheter), versioned per note. */
export interface AreaNote {
  roundId: string;
  area: number;
  kind: 'styrker' | 'utfordringer' | 'svakheter';
  text: string;
  version: number;
  byOid: string;
  at: string;
}

/** Kommunekompass rounds: one per organisation and year, scores, notes and anonymous input. */
export interface KompassStore {
  insertRound(r: KompassRound): Promise<'ok' | 'exists'>;
  round(id: string, opts?: { forUpdate?: boolean }): Promise<KompassRound | undefined>;
  rounds(tid: string): Promise<KompassRound[]>;
  /** Undefined when the round's version is not baseVersion. */
  updateRound(
    id: string,
    change: { status?: RoundStatus; assessors?: string[]; at: string },
    baseVersion: number,
  ): Promise<KompassRound | undefined>;
  scores(roundId: string): Promise<SubAreaScore[]>;
  saveScore(s: SubAreaScore): Promise<void>;
  notes(roundId: string): Promise<AreaNote[]>;
  /** Undefined when the note's version is not baseVersion (0: not written yet). */
  saveNote(n: Omit<AreaNote, 'version'>, baseVersion: number): Promise<AreaNote | undefined>;
  /** Adds people to be asked; someone already asked keeps their group. Returns how many were added. */
  invite(roundId: string, people: { oid: string; group: RespondentGroup }[]): Promise<number>;
  invitations(roundId: string): Promise<{ oid: string; group: RespondentGroup; answeredAreas: number[] }[]>;
  /**
   * Records an invited person's answer for an area: marks the area answered on the invitation and
   * stores the answer without them. 'answered' when they had answered it; 'not-invited' when not asked.
   */
  recordResponse(r: {
    roundId: string;
    oid: string;
    area: number;
    ratings: number[];
    text: string | null;
  }): Promise<'ok' | 'answered' | 'not-invited'>;
  /**
   * What the organisation's conversations of a year say, for the evidence figures: who has a signed
   * medarbeidersamtale, which leaders a signed utviklingssamtale or kontraktsamtale, how many plan rows
   * of signed records were followed up, and the Oslo Del I gradings (counts, never content).
   */
  conversationEvidence(
    tid: string,
    period: string,
  ): Promise<{
    employeesSigned: string[];
    leadersSigned: string[];
    items: { total: number; followedUp: number };
    gradings: { fieldId: string; grade: string; count: number }[];
  }>;
  /** The finished round's archived report, if any. */
  reportCopy(roundId: string): Promise<ReportCopy | undefined>;
  recordReportCopy(row: ReportCopy): Promise<void>;
  /** Finished rounds whose report is not archived yet: the archive sweep's catch-up list. */
  awaitingReport(): Promise<string[]>;
  responses(
    roundId: string,
  ): Promise<{ area: number; group: RespondentGroup; ratings: number[]; text: string | null }[]>;
  /** One person's invitation to a round (never their answers); undefined when they were not asked. */
  invitation(
    roundId: string,
    oid: string,
  ): Promise<{ group: RespondentGroup; answeredAreas: number[] } | undefined>;
  /**
   * A tenant's rounds open for input, each with who is asked, the areas they have answered, and the
   * Oslo day the bot first asked them (the outbox day of their 'kompass-input' message; null until
   * then). One query, for the reminders.
   */
  inputRounds(tid: string): Promise<
    {
      id: string;
      year: number;
      invitations: { oid: string; answeredAreas: number[]; askedOn: string | null }[];
    }[]
  >;
}

/** Feedback rounds before a leader's conversation: who is asked, and answers stored without them. */
export interface FeedbackStore {
  insertRound(
    r: FeedbackRound,
    invitations: readonly { oid: string; relation: 'report' | 'peer' }[],
  ): Promise<'ok' | 'exists'>;
  round(id: string, opts?: { forUpdate?: boolean }): Promise<FeedbackRound | undefined>;
  roundOf(conversationId: string, opts?: { forUpdate?: boolean }): Promise<FeedbackRound | undefined>;
  invitations(roundId: string): Promise<{ oid: string; relation: 'report' | 'peer'; answered: boolean }[]>;
  /** One person's invitation (never their answer); undefined when they were not asked. */
  invitation(roundId: string, oid: string): Promise<{ answered: boolean } | undefined>;
  /**
   * Marks the invitation answered and stores the answer without the person, in one go. 'answered' when
   * they had answered; 'not-invited' when they were not asked.
   */
  recordResponse(r: {
    roundId: string;
    oid: string;
    ratings: number[];
    text: string | null;
  }): Promise<'ok' | 'answered' | 'not-invited'>;
  responses(roundId: string): Promise<FeedbackResponse[]>;
  /**
   * The rounds a person was asked to answer, oldest first: the round, the leader assessed, how the
   * person was asked (report or peer) and whether they answered. Never what: the answers hold no person.
   */
  roundsAsking(
    tid: string,
    oid: string,
  ): Promise<{ round: FeedbackRound; subjectOid: string; relation: 'report' | 'peer'; answered: boolean }[]>;
  close(roundId: string, at: string): Promise<void>;
  setShared(roundId: string, shared: FeedbackShare): Promise<void>;
  /**
   * A tenant's rounds still taking answers on `today`, with the assessed leader, who is asked, whether
   * they answered, and the Oslo day the bot first asked them (null until then). One query, for the reminders.
   */
  openRounds(
    tid: string,
    today: string,
  ): Promise<
    {
      id: string;
      subjectOid: string;
      closesOn: string;
      invitations: { oid: string; answered: boolean; askedOn: string | null }[];
    }[]
  >;
}

/** The Teams meeting Samtale created for a conversation, as stored beside it. */
export interface ConversationMeeting {
  conversationId: string;
  tid: string;
  /** Whose calendar holds the event (only they can move or cancel it). */
  organizerOid: string;
  eventId: string;
  joinUrl: string | null;
  /** The meeting chat's thread ("19:meeting_…@thread.v2"), read from the join link. */
  chatId: string | null;
  state: 'scheduled' | 'cancelled';
  createdAt: string;
  updatedAt: string;
}

/** A conversation's time and its Teams meeting (migration 019). */
export interface MeetingStore {
  /** Sets when the conversation is held; the row must be locked by the caller's transaction. */
  reschedule(
    conversationId: string,
    schedule: { date: string; time: string | null; durationMinutes: number | null },
    at: string,
  ): Promise<Conversation>;
  meeting(conversationId: string): Promise<ConversationMeeting | undefined>;
  /** Writes the conversation's meeting (one per conversation: a new one replaces a forgotten one). */
  saveMeeting(m: ConversationMeeting): Promise<void>;
  /** Forgets the meeting (the event is gone from the calendar). */
  removeMeeting(conversationId: string): Promise<void>;
  /** The conversations whose scheduled meeting is in this meeting chat, newest first. */
  conversationsInChat(tid: string, chatId: string): Promise<string[]>;
}

/** Who Graph acts for: the user's own token for Samtale's API, exchanged on their behalf (OBO). */
export interface UserAssertion {
  oid: string;
  /** The bearer token the request was authenticated with; never anything from a request body. */
  token: string;
}

/** A Teams meeting as a calendar event: never any content of the conversation, only where to find it. */
export interface MeetingEvent {
  subject: string;
  /** HTML for the event's body: the deep link into the tab. */
  bodyHtml: string;
  /** Oslo wall-clock date-times ("2027-01-20T14:00:00"). */
  start: string;
  end: string;
  attendee: { name: string; email: string };
  /** Makes a retried create idempotent at Graph (the event's transactionId). */
  transactionId: string;
}

/**
 * The leader's own calendar through Microsoft Graph, as the leader (on-behalf-of). Refusals are
 * AppErrors: MEETING_CONSENT_REQUIRED (no admin consent for Calendars.ReadWrite), MEETING_NOT_FOUND
 * (the event is gone), MEETING_CALENDAR_UNAVAILABLE (Graph or Entra could not be reached, or kept
 * throttling).
 */
export interface MeetingCalendar {
  create(asUser: UserAssertion, event: MeetingEvent): Promise<{ eventId: string; joinUrl: string | null }>;
  move(asUser: UserAssertion, eventId: string, event: Pick<MeetingEvent, 'start' | 'end'>): Promise<void>;
  cancel(asUser: UserAssertion, eventId: string, comment: string): Promise<void>;
}

export interface Store {
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  meetings: MeetingStore;
  feedback: FeedbackStore;
  kompass: KompassStore;
  /** Units' plans, in the same connection (and transaction). */
  plans: PlanStore;
  retention: RetentionStore;
  rounds: RoundStore;

  insertConversation(c: Conversation, createdBy: string): Promise<'ok' | 'exists'>;
  conversation(id: string, opts?: { forUpdate?: boolean }): Promise<Conversation | undefined>;
  conversationsOf(tid: string, oid: string): Promise<Conversation[]>;
  conversationsOfEmployees(
    tid: string,
    employeeOids: readonly string[],
    period?: string,
  ): Promise<Conversation[]>;
  conversationsInTenant(filter: ConversationFilter): Promise<Conversation[]>;
  previousConversation(
    c: Pick<Conversation, 'tid' | 'templateKey' | 'leaderOid' | 'employeeOid' | 'period' | 'id'>,
  ): Promise<Conversation | undefined>;
  /** Another live conversation of the same kind for the same person and period (the one-per-period rule). */
  conflictingConversation(
    c: Pick<Conversation, 'tid' | 'templateKey' | 'employeeOid' | 'period' | 'id'>,
  ): Promise<Conversation | undefined>;
  updateConversation(
    id: string,
    patch: { status?: Status; at: string; cancelledFrom?: Status | null; reopened?: Reopening | null },
  ): Promise<Conversation>;
  /** Moves a conversation to another leader (only while it has not been held). */
  changeLeader(id: string, leaderOid: string, at: string): Promise<Conversation | undefined>;

  answers(conversationId: string): Promise<Answer[]>;
  /** Optimistic concurrency: writes only when the stored version equals baseVersion (0 = new). */
  saveAnswer(write: {
    conversationId: string;
    fieldId: string;
    slot: Slot;
    value: Json;
    baseVersion: number;
    by: string;
    at: string;
  }): Promise<SaveResult>;
  /** The parties who have written any of these (private preparation) fields. */
  preparedParties(conversationId: string, fieldIds: readonly string[]): Promise<Party[]>;
  /** Shares a party's private answers (those named, or all); returns the fields newly shared. */
  shareAnswers(share: {
    conversationId: string;
    slot: Slot;
    fieldIds: readonly string[] | null;
    at: string;
  }): Promise<string[]>;

  items(conversationId: string): Promise<ActionItem[]>;
  itemsOwnedBy(tid: string, oid: string): Promise<(ActionItem & { tid: string })[]>;
  item(id: string): Promise<ActionItem | undefined>;
  insertItem(item: ActionItem, at: string): Promise<void>;
  /** Both write only over baseVersion; undefined when the item is gone or has moved on. */
  updateItemCells(change: {
    id: string;
    cells: Cells;
    cellMeta: CellMeta;
    ownerOid: string | null;
    due: string | null;
    baseVersion: number;
  }): Promise<ActionItem | undefined>;
  /** Records a follow-up update, and keeps it in the item's history. */
  updateItemStatus(change: {
    id: string;
    status: FollowUpStatus;
    comment: string | null;
    at: string;
    by: string;
    baseVersion: number;
  }): Promise<ActionItem | undefined>;
  /** The follow-up updates of these items, oldest first per item. */
  followUpHistory(itemIds: readonly string[]): Promise<FollowUpUpdate[]>;
  deleteItem(id: string, baseVersion: number): Promise<boolean>;
  /** Sets or clears the unit goal a row serves; not a change to the record's content. */
  linkItem(id: string, servesGoalId: string | null): Promise<ActionItem | undefined>;
  /** The rows serving these goals, with their conversation's parties and status (for the red thread). */
  itemsServing(
    goalIds: readonly string[],
  ): Promise<{ item: ActionItem; leaderOid: string; employeeOid: string; tid: string }[]>;
  /** The unit goals a conversation's goal fields (Punkt 3's hovedmål) serve, by field id. */
  fieldLinks(conversationId: string): Promise<Record<string, string>>;
  /** Sets or clears the unit goal a field serves; not a change to the record's content. */
  linkField(conversationId: string, fieldId: string, goalId: string | null): Promise<void>;
  /** The goal fields serving these goals, with their conversation's parties and the field's shared text. */
  fieldsServing(goalIds: readonly string[]): Promise<
    {
      conversationId: string;
      fieldId: string;
      goalId: string;
      text: string;
      leaderOid: string;
      employeeOid: string;
    }[]
  >;

  signatures(conversationId: string): Promise<Signature[]>;
  insertSignature(conversationId: string, s: Signature): Promise<'ok' | 'exists'>;
  clearSignatures(conversationId: string): Promise<number>;

  snapshotTemplate(t: Template): Promise<void>;
  templateSnapshot(key: string, version: string): Promise<Template | undefined>;
  currentCustomisation(tid: string, key: string): Promise<{ revision: number; version: string } | undefined>;
  saveCustomisation(c: {
    tid: string;
    key: string;
    revision: number;
    version: string;
    by: string;
  }): Promise<'ok' | 'exists'>;

  recordArchiveCopy(row: ArchiveCopyRow): Promise<void>;
  /** Signed records not yet archived, oldest first. */
  awaitingArchive(): Promise<string[]>;
  archiveCopies(conversationId: string): Promise<ArchiveCopyRow[]>;
  /** Copies archived with permissions of their own (before the salary library), in key order after `after`. */
  copiesWithItemPermissions(
    limit: number,
    after?: { conversationId: string; part: ArchivePart },
  ): Promise<ArchiveCopyRow[]>;
  /** The copy now has the library's permissions only (and, when it moved, its new location). */
  markPermissionsMigrated(conversationId: string, part: ArchivePart, location: string | null): Promise<void>;
  /**
   * One page of a tenant's archived copies, newest first, with what HR filters on and the people's
   * names; after: the last copy of the page before. The total counts every copy the filter matches.
   */
  archivePage(
    tid: string,
    filter: ArchivePageFilter,
    page: { limit: number; after?: ArchivePageCursor },
  ): Promise<{ rows: ArchivePageRow[]; total: number; years: string[] }>;
  /** How many of a tenant's conversations with this template are under way (any version of it). */
  countRunningConversations(tid: string, templateKey: string): Promise<number>;
  /** Conversations in a period counted per unit, template and status: HR's figures, no content. */
  completionCounts(tid: string, period: string): Promise<CompletionCount[]>;

  appendAudit(e: AuditEvent): Promise<void>;
  auditTrail(): Promise<{ head: string; events: StoredAuditEvent[] }>;
  /** The last event's place in the chain (null before the first event). */
  auditHead(): Promise<{ seq: number; hash: string; at: string } | null>;
  /** A tenant's events about these subjects (conversations, items, a person), oldest first. */
  auditEventsAbout(tid: string, subjects: readonly string[]): Promise<StoredAuditEvent[]>;
}

export type PlanCopyKind = 'adopted' | 'report';

export interface ArchivePageFilter {
  /** The year of the conversation's period (not the year it was archived). */
  year?: string | undefined;
  templateKey?: string | undefined;
  unitId?: string | undefined;
  /** Whether Punkt 4 copies are listed (HR with the salary role). */
  salary: boolean;
}
export interface ArchivePageCursor {
  archivedAt: string;
  conversationId: string;
  part: ArchivePart;
}
export interface ArchivePageRow extends ArchiveCopyRow {
  templateKey: string;
  period: string;
  unitId: string | null;
  employeeName: string;
  leaderName: string;
  hold: RetentionHold | null;
}
export interface CompletionCount {
  unitId: string | null;
  templateKey: string;
  status: Status;
  n: number;
}

/** A document archived beside the records: a unit plan's copy, or a Kommunekompass report. */
export type DocumentJob = { type: 'plan'; id: string; kind: PlanCopyKind } | { type: 'kompass'; id: string };

export interface PlanArchiveCopy {
  planId: string;
  kind: PlanCopyKind;
  path: string;
  location: string;
  checksum: string;
  archivedAt: string;
  metadataChecksum: string;
}

export interface ArchiveCopyRow {
  conversationId: string;
  part: 'record' | 'salary';
  path: string;
  location: string;
  checksum: string;
  contentHash: string;
  archivedAt: string;
  /** metadataChecksum of the metadata written at archiving; null for copies archived before it. */
  metadataChecksum: string | null;
  /** The kassasjonsdato (YYYY-MM-DD) in its metadata; null for copies archived before it was kept. */
  disposeOn: string | null;
}

export interface Clock {
  now(): Date;
}

/** The identity a validated token proves. roles is null where the directory is the source of roles. */
export interface TokenIdentity {
  tid: string;
  oid: string;
  roles: AppRole[] | null;
}

export interface TokenVerifier {
  verify(token: string): Promise<TokenIdentity>;
}

export interface ArchiveCopy {
  path: string;
  bytes: Uint8Array;
  metadata: ArchiveMetadata;
  /**
   * Which library: the record library (HR and archive staff), or for Punkt 4 the salary library
   * (the HR salary group). Access is the library's; no copy gets permissions of its own.
   */
  part: ArchivePart;
}

/** Where signed records are kept: a local folder, or a SharePoint library through Graph. */
export interface Archive {
  /** Idempotent: the same path with the same bytes is left alone and reported as already there. */
  put(copy: ArchiveCopy): Promise<{
    location: string;
    created: boolean;
    /** SharePoint resource units spent (0 locally). */ resourceUnits: number;
  }>;
  get(path: string, part?: ArchivePart): Promise<Uint8Array | undefined>;
  /** The audit chain's head, written once per day under that day's name (the latest wins). */
  putAuditCheckpoint(day: string, checkpoint: AuditCheckpoint): Promise<void>;
  auditCheckpoint(day: string): Promise<AuditCheckpoint | 'unreadable' | undefined>;
  /** The metadata stored beside a copy, as the archive holds it now (undefined when missing). */
  metadata(
    path: string,
    part?: ArchivePart,
  ): Promise<Partial<Record<keyof ArchiveMetadata, unknown>> | undefined>;
  /**
   * Brings a copy archived the old way (its own permissions) in line: inheritance restored, and a
   * salary copy moved to the salary library. Idempotent; `checksum` guards the move.
   */
  /** Deletes a copy and its metadata (kassasjon); 'missing' when it is not there (already deleted). */
  remove(path: string, part: ArchivePart): Promise<'removed' | 'missing'>;
  migratePermissions(copy: {
    path: string;
    part: ArchivePart;
    checksum: string;
  }): Promise<{ outcome: 'restored' | 'moved' | 'unchanged' | 'missing'; location?: string }>;
}

/** The personal chat with a user, as the channel described it when the bot was installed. */
export interface ChatReference {
  tid: string;
  oid: string;
  conversationId: string;
  serviceUrl: string;
  botId: string;
  userId: string;
  channelId: string;
  locale: Locale;
  installedAt: string;
  unreachableAt: string | null;
  unreachableReason: string | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'undeliverable';

export interface OutboxRow {
  id: string;
  tid: string;
  recipientOid: string;
  day: string;
  messages: DueMessage[];
  status: OutboxStatus;
  attempts: number;
  activityId: string | null;
  lastError: string | null;
  sentAt: string | null;
}

/** What the bot keeps: chat references, and the outbox that makes every reminder go out once. */
export interface BotStore {
  /** 'new' the first time this user's chat is stored (the bot greets them once). */
  saveReference(ref: Omit<ChatReference, 'unreachableAt' | 'unreachableReason'>): Promise<'new' | 'known'>;
  /** Uninstall: forgets the chat, and remembers not to install the app for this person again. */
  removeReference(tid: string, oid: string, at: string): Promise<void>;
  optedOut(tid: string, oid: string): Promise<boolean>;
  reference(tid: string, oid: string): Promise<ChatReference | undefined>;
  /** The chats of several people at once (a sweep's batch), by their oid. */
  references(tid: string, oids: readonly string[]): Promise<Map<string, ChatReference>>;
  markUnreachable(flag: { tid: string; oid: string; reason: string; at: string }): Promise<void>;
  unreachable(tid: string): Promise<ChatReference[]>;

  /**
   * The people a sweep goes through, a batch at a time: the tenant's active people after `after`
   * (by oid), at most `limit`.
   */
  recipients(tid: string, after: string | null, limit: number): Promise<string[]>;
  /**
   * The state reminders to these people are derived from: conversations and open items where they are
   * a party or the leader, and per HR round due soon after `today`, their direct reports in its scope
   * with no conversation of it.
   */
  reminderState(tid: string, recipients: readonly string[], today: string): Promise<ReminderState>;
  /** Tenants with at least one chat: where reminders can go at all. */
  chatTenants(): Promise<string[]>;
  /** Which of these keys have been sent already. */
  sentKeys(keys: readonly string[]): Promise<Set<string>>;
  /** Which of these people already have a bundle for the day. */
  messagedOn(day: string, tid: string, oids: readonly string[]): Promise<Set<string>>;
  /** Records a bundle and its keys; false when this person already has one for the day. */
  addToOutbox(
    row: Pick<OutboxRow, 'id' | 'tid' | 'recipientOid' | 'day' | 'messages'>,
    at: string,
  ): Promise<boolean>;
  /** Records a batch's bundles in one transaction; returns the ids recorded (not those already there). */
  addAllToOutbox(
    rows: readonly Pick<OutboxRow, 'id' | 'tid' | 'recipientOid' | 'day' | 'messages'>[],
    at: string,
  ): Promise<string[]>;
  /** Takes a bundle to send: pending (or left 'sending' by a crash) becomes sending. Undefined if another has it or it is done. */
  claim(id: string, at: string, staleBefore: string): Promise<OutboxRow | undefined>;
  markSent(id: string, activityId: string, at: string): Promise<void>;
  markAttemptFailed(id: string, error: string, final: boolean): Promise<void>;
  unsent(): Promise<string[]>;
  /** Bundles claimed for sending before `at` and never finished: a sender that died mid-send. */
  claimedBefore(at: string): Promise<string[]>;
  outbox(id: string): Promise<OutboxRow | undefined>;
  /** Every bundle recorded for one person, oldest day first: what the bot sent them (their innsyn). */
  outboxFor(tid: string, oid: string): Promise<OutboxRow[]>;

  /** Records an installation attempt; false when this person already had one today. */
  noteInstallAttempt(attempt: {
    tid: string;
    oid: string;
    day: string;
    outcome: InstallOutcome;
    detail: string | null;
  }): Promise<boolean>;
  installAttemptedOn(tid: string, oid: string, day: string): Promise<boolean>;
}

export type InstallOutcome = 'installed' | 'already' | 'failed';

/** Installs the Teams app for a person (Graph, TeamsAppInstallation.ReadWriteSelfForUser.All). Teams then greets the bot. */
export interface AppInstaller {
  install(tid: string, oid: string): Promise<{ outcome: InstallOutcome; detail: string | null }>;
}

/** A message for a personal chat: one Adaptive Card, with a text for notifications and old clients. */
export interface OutgoingMessage {
  summary: string;
  card: object;
}

/** Sends into a user's personal chat through the Bot Connector, within the Teams rate limits. */
export interface ChatSender {
  /** Returns the activity id. Throws ChatUnreachableError when the app is gone for this user (403/404). */
  send(ref: ChatReference, message: OutgoingMessage): Promise<string>;
}

export class ChatUnreachableError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A change to a conversation: which one, whether to its shared record or someone's private preparation, and by whom. */
export interface Change {
  conversationId: string;
  visibility: 'shared' | 'private';
  byOid: string;
  at: string;
}

/** Tells open pages that a conversation changed (never what changed). */
export interface ChangeFeed {
  publish(change: Change): void;
  /** Returns the unsubscribe. */
  subscribe(conversationId: string, listener: (change: Change) => void): () => void;
}
