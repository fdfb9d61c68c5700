// What the API answers. Every route declares one of these as its response; the OpenAPI document is
// generated from them, the tests check every answer against them, and the tab's types are inferred
// from them, so a change here that the tab does not follow fails its type check.
import { z } from 'zod';
import { FOLLOW_UP_STATUSES, type ActionItem } from '../domain/answers.ts';
import { NEXT_STEPS, STATUSES, TRANSITIONS } from '../domain/conversation.ts';
import {
  EVIDENCE_FIGURES,
  RESPONDENT_GROUPS,
  ROUND_STATUSES,
  ROUND_TRANSITIONS,
} from '../domain/kompass-round.ts';
import { APP_ROLES } from '../domain/policy.ts';
import {
  GOAL_OUTCOMES,
  GOAL_PROBLEMS,
  GOAL_STATUSES,
  PLAN_STATUSES,
  PLAN_TRANSITIONS,
} from '../domain/unit-plan.ts';
import type { Template } from '../domain/templates/model.ts';
import { ERROR_CODES } from '../errors/catalogue.ts';
import { cells, jsonValue, sectionSchema } from './requests.ts';
import { LOCALES } from './words/index.ts';

const isoInstant = z.string().describe('an instant, ISO 8601 in UTC');
const isoDay = z.string().describe('a calendar date, YYYY-MM-DD');
const count = z.number().int().min(0);

/** An object with exactly these keys, each holding the same kind of value (an exhaustive record). */
function keyed<K extends string, S extends z.ZodType>(keys: readonly K[], value: S) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, S>);
}

export const party = z.enum(['leader', 'employee']);
export const status = z.enum(STATUSES);
export const personRef = z.strictObject({ oid: z.string(), name: z.string() });

// Templates: the form definition the tab renders. The domain's Template type must fit it exactly.
export const templateView = z.strictObject({
  key: z.string(),
  version: z.string(),
  kind: z.enum(['conversation', 'plan', 'assessment']),
  name: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  source: z.string(),
  parties: z.strictObject({ leader: z.string(), employee: z.string() }),
  purpose: z.strictObject({ heading: z.string(), lead: z.string(), points: z.array(z.string()) }).optional(),
  basisDocuments: z.strictObject({ heading: z.string(), items: z.array(z.string()) }).optional(),
  marking: z.strictObject({ text: z.string(), offl13: z.boolean() }),
  sections: z.array(sectionSchema),
});
export const templateSummary = templateView.pick({
  key: true,
  version: true,
  kind: true,
  name: true,
  title: true,
  source: true,
});
export const templateList = z.strictObject({ templates: z.array(templateSummary) });

/** A template as an admin edits it: the organisation's version, what cannot go, and who it reaches. */
export const editableTemplateView = z.strictObject({
  /** The version new conversations get now: the organisation's own, or the built-in one. */
  template: templateView,
  /** The organisation has saved a version of its own. */
  customised: z.boolean(),
  /**
   * The parts that carry the template's basic character: they cannot be removed, and their fields'
   * kind, label, writer and visibility cannot change. Guide text, order and nynorsk words may.
   */
  core: z.strictObject({ sectionIds: z.array(z.string()), fieldIds: z.array(z.string()) }),
  /** Conversations with this template under way (not signed, not cancelled): they keep their version. */
  running: count,
});

/** Status, never content: what lists, team pages and HR show. */
export const statusView = z.strictObject({
  id: z.uuid(),
  template: z.strictObject({
    key: z.string(),
    version: z.string(),
    name: z.string(),
    title: z.string(),
    /** What this template calls each party ("Overordnet leder", "Leder"). */
    parties: z.strictObject({ leader: z.string(), employee: z.string() }),
  }),
  period: z.string(),
  status,
  scheduledAt: isoDay.nullable(),
  /** The time of day on that date, Europe/Oslo ("14:00"), when the leader gave one. */
  scheduledTime: z.string().nullable(),
  /** How long it is planned to last, in minutes, with a time. */
  durationMinutes: count.nullable(),
  unitId: z.string().nullable(),
  parties: z.strictObject({ leader: personRef, employee: personRef }),
  nextStep: z.enum(NEXT_STEPS),
  /** Who the conversation waits for now (none once it is signed). */
  waitingFor: z.array(personRef),
  updatedAt: isoInstant,
});
export const myConversation = statusView.extend({ you: party });
export const myConversations = z.strictObject({ conversations: z.array(myConversation) });

export const answerView = z.strictObject({
  value: jsonValue,
  version: count,
  updatedBy: z.string(),
  updatedAt: isoInstant,
  sharedAt: isoInstant.nullable(),
});

export const actionItemView = z.strictObject({
  id: z.uuid(),
  conversationId: z.uuid(),
  fieldId: z.string(),
  position: count,
  cells,
  ownerOid: z.string().nullable(),
  due: isoDay.nullable(),
  status: z.enum(FOLLOW_UP_STATUSES),
  statusComment: z.string().nullable(),
  statusUpdatedAt: isoInstant.nullable(),
  version: count,
  /** Each cell's own version and last writer (cells never written have none). */
  cellMeta: z.record(z.string(), z.strictObject({ version: count, by: z.string() })),
  /** "Bidrar til": the unit plan's goal this row serves. */
  servesGoalId: z.uuid().nullable(),
});

/** A plan row in a conversation, with whether the caller records its follow-up (its owner, once signed). */
export const planItemView = actionItemView.extend({ canFollowUp: z.boolean() });

export const fieldView = z.strictObject({
  id: z.string(),
  /** The caller may change this field now (policy.canEditField); the server checks again on save. */
  editable: z.boolean(),
  answers: z.strictObject({
    shared: answerView.optional(),
    leader: answerView.optional(),
    employee: answerView.optional(),
  }),
  items: z.array(planItemView).optional(),
  /** "Bidrar til" on a goal written as text (Punkt 3's hovedmål): the unit goal it serves. */
  servesGoalId: z.uuid().nullable().optional(),
  previous: z.strictObject({ period: z.string(), items: z.array(actionItemView) }).optional(),
});

export const signatureView = z.strictObject({
  party,
  name: z.string(),
  upn: z.string(),
  signedAt: isoInstant,
  contentHash: z.string(),
  /** Made over the record as it is now; a change voids it. */
  valid: z.boolean(),
});

/** One conversation as the caller may see it, with what the caller may do, all decided by the server. */
export const conversationView = statusView.extend({
  you: party.nullable(),
  locked: z.boolean(),
  canShare: z.boolean(),
  canTransition: z.array(z.enum(TRANSITIONS)),
  canSign: z.boolean(),
  /** A reopened record: who reopened it, when, and whose signatures that voided (shown until it is sent again). */
  reopened: z.strictObject({ at: isoInstant, by: personRef, voided: z.array(personRef) }).nullable(),
  /** Shared fields nobody has filled in yet: listed before the record is sent for signing. */
  emptyFields: z.array(z.strictObject({ id: z.string(), label: z.string(), section: z.string() })),
  /** The archived copies the caller may open (none before archiving). */
  canOpenCopies: z.array(z.enum(['record', 'salary'])),
  contentHash: z.string(),
  signatures: z.array(signatureView),
  sections: z.array(z.strictObject({ id: z.string(), fields: z.array(fieldView) })),
  /** Sections the caller may not read (e.g. Punkt 4 for HR without HR.Salary): named, never shown. */
  withheldSections: z.array(z.string()),
  /** The template version this conversation started with, limited to the sections the caller may read. */
  definition: templateView,
});

/**
 * What became of the conversation's Teams meeting in the leader's calendar when the plan was saved:
 * created, moved or cancelled, or a problem (its words in the catalogue). The plan itself is saved either way.
 */
export const meetingOutcome = z.strictObject({
  result: z.enum(['created', 'moved', 'cancelled', 'failed']),
  problem: z.enum(ERROR_CODES).nullable(),
});
/** A conversation as planned, rescheduled or moved on, with what became of its Teams meeting (null: nothing to do). */
export const scheduledView = statusView.extend({ meeting: meetingOutcome.nullable() });

/** The conversation's Teams meeting as the caller may see and handle it. */
export const meetingView = z.strictObject({
  /** Samtale can create Teams meetings here (Microsoft 365 mode with Graph); never in local mode. */
  offered: z.boolean(),
  /** The caller may change the date and time (the leader, before the conversation is held). */
  canReschedule: z.boolean(),
  /** The caller may have Samtale create the meeting now (offered, may reschedule, has a time, none yet). */
  canBook: z.boolean(),
  /** The meeting Samtale created: its join link, and whether it is in the caller's calendar. */
  booked: z.strictObject({ joinUrl: z.string().nullable(), inYourCalendar: z.boolean() }).nullable(),
});
/** The conversation a meeting chat's Teams meeting was created for, when the caller takes part in it. */
export const meetingConversation = z.strictObject({ conversationId: z.uuid().nullable() });

export const saveAnswerResult = z.strictObject({
  slot: z.enum(['shared', 'leader', 'employee']),
  answer: answerView,
});
export const shareResult = z.strictObject({ shared: z.array(z.string()) });
export const signResult = z.strictObject({
  status,
  contentHash: z.string(),
  signatures: z.array(signatureView.pick({ party: true, name: true, signedAt: true, contentHash: true })),
});
export const removedResult = z.strictObject({ removed: z.uuid() });

/** One of my own open plan items, across my signed conversations, with its follow-up history. */
export const followUpLine = z.strictObject({
  itemId: z.uuid(),
  version: count,
  conversationId: z.uuid(),
  conversation: z.strictObject({ templateName: z.string(), period: z.string() }),
  title: z.string(),
  due: isoDay.nullable(),
  /** Past its due date (Europe/Oslo) and not achieved. */
  overdue: z.boolean(),
  status: z.enum(FOLLOW_UP_STATUSES),
  comment: z.string().nullable(),
  history: z.array(
    z.strictObject({
      status: z.enum(FOLLOW_UP_STATUSES),
      comment: z.string().nullable(),
      at: isoInstant,
      by: z.string(),
    }),
  ),
});
export const myFollowUp = z.strictObject({ items: z.array(followUpLine) });

export const meView = z.strictObject({
  tid: z.string(),
  oid: z.string(),
  name: z.string(),
  upn: z.string(),
  roles: z.array(z.enum(APP_ROLES)),
  unit: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  manager: personRef.nullable(),
  directReports: z.array(personRef),
  /** The pages the caller may use, decided by the policy: the team page and HR's pages. */
  canSeeTeam: z.boolean(),
  canSeeHr: z.boolean(),
  /** The template editor (Maler): admins only. */
  canEditTemplates: z.boolean(),
});

export const teamView = z.strictObject({
  period: z.string(),
  /** One page of the direct reports, by name. */
  members: z.array(personRef.extend({ conversations: z.array(statusView) })),
  /** Direct reports in all. */
  total: count,
  /** The next page's `after`, or null on the last page. */
  next: z.string().nullable(),
});

export const completionRow = z.strictObject({
  unit: z.strictObject({ id: z.string().nullable(), name: z.string() }),
  templateKey: z.string(),
  templateName: z.string(),
  total: count,
  byStatus: keyed(STATUSES, count),
  /** Signed or archived, as a share of conversations not cancelled (0 to 1). */
  completedShare: z.number().min(0).max(1),
});
export const completionView = z.strictObject({ period: z.string(), rows: z.array(completionRow) });

export const archiveEntry = z.strictObject({
  conversationId: z.uuid(),
  part: z.enum(['record', 'salary']),
  year: z.string(),
  templateKey: z.string(),
  templateName: z.string(),
  period: z.string(),
  unit: z.string(),
  employee: z.string(),
  leader: z.string(),
  archivedAt: isoInstant,
  /** The kassasjonsdato: when the retention job deletes it, unless held. */
  disposeOn: z.iso.date(),
  hold: z.lazy(() => retentionHold).nullable(),
  /** Where the PDF is opened (GET, with the same bearer token). */
  file: z.string(),
});
export const retentionHold = z.strictObject({
  reason: z.string(),
  /** Who placed it, by name. */
  placedBy: z.string(),
  placedAt: isoInstant,
});
const statementResult = z.strictObject({
  key: z.string().describe('the statement, by key: its words are in words.feedback.statements'),
  average: z.number().describe('mean of the 1–5 ratings, one decimal'),
  counts: z.array(count).length(5).describe('how many answered 1, 2, 3, 4 and 5'),
});
/** A feedback round's result: only once it is closed and enough have answered. */
export const feedbackResult = z.strictObject({
  answered: count,
  statements: z.array(statementResult),
  /**
   * Free texts, without names, in random order. Only the assessed leader reads them: the respondents were
   * told the leader reads them as written. Null for the superior, who sees the figures once shared.
   */
  texts: z.array(z.string()).nullable(),
});
export const feedbackView = z.strictObject({
  /** Whether the conversation's template has feedback at all (leader conversations). */
  available: z.boolean(),
  /** The caller is the assessed leader or their superior. */
  you: z.enum(['subject', 'superior']),
  subject: personRef,
  canOpen: z.boolean(),
  /** Whom the round may ask: the leader's direct reports (suggested) and peers (under the same superior). */
  candidates: z.array(personRef.extend({ relation: z.enum(['report', 'peer']) })),
  minAnswers: count,
  /** The days a new round may close on: from today to the day before the conversation (six weeks at most). */
  earliestClose: isoDay,
  latestClose: isoDay,
  round: z
    .strictObject({
      statements: z.array(z.string()),
      openedBy: personRef,
      closesOn: isoDay,
      open: z.boolean(),
      invited: count,
      answered: count,
      canClose: z.boolean(),
      shared: z.enum(['private', 'shared', 'record']),
      /** The assessed leader may choose whom the result reaches while the record can still change. */
      canShare: z.boolean(),
      result: feedbackResult.nullable(),
    })
    .nullable(),
});
export type FeedbackView = z.infer<typeof feedbackView>;
export const holdView = z.strictObject({ hold: retentionHold.nullable() });

const roundFigures = {
  inScope: count,
  /** People in scope with a conversation of the round (any stage but cancelled). */
  withConversation: count,
  /** Signed or archived. */
  done: count,
};
export const roundSummary = z.strictObject({
  id: z.uuid(),
  templateKey: z.string(),
  templateName: z.string(),
  period: z.string(),
  deadline: z.iso.date(),
  units: z.array(z.string()),
  ...roundFigures,
});
export const roundList = z.strictObject({
  rounds: z.array(roundSummary),
  /** Periods with a round or a conversation, newest first, for the period selector. */
  periods: z.array(z.string()),
  templates: z.array(z.strictObject({ key: z.string(), name: z.string() })),
  units: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
export const roundScope = z.strictObject({
  people: z.array(
    z.strictObject({
      oid: z.string(),
      name: z.string(),
      unit: z.string(),
      leader: z.string(),
      /** Leads someone: in a round for employees, left out unless HR includes them. */
      leads: z.boolean(),
    }),
  ),
});
export const roundView = z.strictObject({
  round: roundSummary,
  /** Per unit: everyone in scope, with or without a conversation. */
  units: z.array(z.strictObject({ unit: z.string(), ...roundFigures })),
  /** The next page of people's `after`, or null on the last page (round.inScope counts them all). */
  next: z.string().nullable(),
  /** A page of names with the stage their conversation is at (never its content); null: no conversation. */
  people: z.array(
    z.strictObject({
      name: z.string(),
      unit: z.string(),
      status: z.enum(STATUSES).nullable(),
    }),
  ),
});
export const archiveListing = z.strictObject({
  /** One page, newest first. */
  entries: z.array(archiveEntry),
  /** Copies the filter matches in all. */
  total: count,
  /** The next page's `after`, or null on the last page. */
  next: z.string().nullable(),
  years: z.array(z.string()),
  units: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});

export const unreachablePerson = z.strictObject({
  oid: z.string(),
  name: z.string(),
  since: isoInstant,
  reason: z.string(),
});
export const unreachableList = z.array(unreachablePerson);

/** People found for an innsyn request (HR): enough to tell two of the same name apart. */
export const peopleFound = z.strictObject({
  people: z.array(personRef.extend({ upn: z.string(), unit: z.string().nullable() })),
  /** More people match than are listed: the search should say more. */
  more: z.boolean(),
});

export const privacyFacts = z.strictObject({
  /** The organisation's legal basis for processing, in its own words; null until it is configured. */
  legalBasis: z.string().nullable(),
  /** Years an archived record is kept before it is deleted. */
  retentionYears: z.number().int().min(1),
  /** Days after archiving that private preparation never shared is deleted. */
  preparationDays: z.number().int().min(0),
});
export type PrivacyFacts = z.infer<typeof privacyFacts>;
export const clientConfig = z.strictObject({
  mode: z.enum(['local', 'm365']),
  devLogin: z.boolean(),
  /** Leaders may have Samtale create a conversation's Teams meeting (never in local mode). */
  teamsMeetings: z.boolean(),
});
export const devUsers = z.strictObject({
  users: z.array(
    z.strictObject({
      userId: z.string(),
      name: z.string(),
      upn: z.string(),
      roles: z.array(z.enum(APP_ROLES)),
      unit: z.string().nullable(),
      managerId: z.string().nullable(),
      isLeader: z.boolean(),
    }),
  ),
});
export const devLoginResult = z.strictObject({ token: z.string() });
export const health = z.strictObject({ ok: z.literal(true), uptimeSeconds: count });

/** Every error has this shape; its message is in the caller's language, and in every language. */
export const errorView = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    messages: keyed(LOCALES, z.string()),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type StatusView = z.infer<typeof statusView>;
export type MeetingOutcome = z.infer<typeof meetingOutcome>;
export type ScheduledView = z.infer<typeof scheduledView>;
export type MeetingView = z.infer<typeof meetingView>;
export type MyConversation = z.infer<typeof myConversation>;
export type ConversationView = z.infer<typeof conversationView>;
export type FieldView = z.infer<typeof fieldView>;
export type AnswerView = z.infer<typeof answerView>;
export type ActionItemView = z.infer<typeof actionItemView>;
export type PlanItemView = z.infer<typeof planItemView>;
export type SignatureView = z.infer<typeof signatureView>;
export type MeView = z.infer<typeof meView>;
export type TeamView = z.infer<typeof teamView>;
export type CompletionView = z.infer<typeof completionView>;
export type CompletionRow = z.infer<typeof completionRow>;
export type ArchiveListing = z.infer<typeof archiveListing>;
export type ArchiveEntry = z.infer<typeof archiveEntry>;
export type HoldView = z.infer<typeof holdView>;
export type RoundList = z.infer<typeof roundList>;
export type RoundView = z.infer<typeof roundView>;
export type RoundScope = z.infer<typeof roundScope>;
export type UnreachablePerson = z.infer<typeof unreachablePerson>;
export type PeopleFound = z.infer<typeof peopleFound>;
export type FollowUpLine = z.infer<typeof followUpLine>;
export type PersonRef = z.infer<typeof personRef>;
export type TemplateSummary = z.infer<typeof templateSummary>;
export type EditableTemplateView = z.infer<typeof editableTemplateView>;
export type SaveAnswerResult = z.infer<typeof saveAnswerResult>;
export type SignResult = z.infer<typeof signResult>;
export type MeRoles = MeView['roles'];
export type ErrorView = z.infer<typeof errorView>;

// The domain's own types go out as they are: these fail to compile if the two drift apart.
type Fits<A, B> = [A] extends [B] ? true : false;
export type DomainFitsContract = [
  Fits<Template, z.input<typeof templateView>>,
  Fits<z.output<typeof templateView>, Template>,
  Fits<ActionItem, z.input<typeof actionItemView>>,
] extends [true, true, true]
  ? true
  : never;
export const DOMAIN_FITS_CONTRACT: DomainFitsContract = true;

// Units' plans (virksomhetsplan).
export const unitRef = z.strictObject({ id: z.string(), name: z.string() });
export const goalReportView = z.strictObject({
  period: z.string(),
  status: z.enum(GOAL_STATUSES),
  measured: z.number().nullable(),
  comment: z.string().nullable(),
  by: personRef,
  at: isoInstant,
});
export const planGoalView = z.strictObject({
  id: z.string(),
  position: count,
  goal: z.string(),
  indicator: z.string().nullable(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  actions: z.string().nullable(),
  owner: personRef.nullable(),
  due: isoDay.nullable(),
  /** The parent unit's goal it serves; `removed` when that goal has since been taken out. */
  serves: z
    .strictObject({ id: z.string(), goal: z.string(), unit: unitRef, removed: z.boolean() })
    .nullable(),
  carriedFrom: z.string().nullable(),
  /** Made from a Kommunekompass finding: the round and the area (its number and title). */
  fromKompass: z.strictObject({ roundId: z.string(), area: z.number().int(), title: z.string() }).nullable(),
  outcome: z.enum(GOAL_OUTCOMES).nullable(),
  version: count,
  /** What the seed asks of a goal and this one lacks. */
  problems: z.array(z.enum(GOAL_PROBLEMS)),
  reports: z.array(goalReportView),
  canReport: z.boolean(),
});
export const contributionView = z.strictObject({
  id: z.string(),
  kind: z.enum(['comment', 'proposal']),
  goalId: z.string().nullable(),
  author: personRef,
  text: z.string(),
  at: isoInstant,
  answer: z
    .strictObject({ text: z.string(), by: personRef, at: isoInstant, takenInto: z.string().nullable() })
    .nullable(),
});
export const planView = z.strictObject({
  id: z.string(),
  unit: unitRef,
  year: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  version: count,
  leader: personRef.nullable(),
  adopted: z.strictObject({ at: isoInstant, by: personRef }).nullable(),
  answers: z.record(z.string(), jsonValue),
  goals: z.array(planGoalView),
  contributions: z.array(contributionView),
  /** The goals of the plans above this unit's, for "Bidrar til". */
  parentGoals: z.array(z.strictObject({ id: z.string(), goal: z.string(), unit: unitRef })),
  /** The period a goal's report counts for today (adopted plans and their year report), e.g. "2027-Q2". */
  reportPeriod: z.string().nullable(),
  /** Who may be Ansvarsperson: the unit's people. */
  members: z.array(personRef),
  /** The form of the plan's own fields: the virksomhetsplan template (seed 004). */
  definition: templateView,
  /** The plan's archived copies: as adopted, and with its year report. */
  copies: z.array(z.strictObject({ kind: z.enum(['adopted', 'report']), archivedAt: isoInstant })),
  can: z.strictObject({
    write: z.boolean(),
    contribute: z.boolean(),
    /** Add, change and remove goals, and answer the staff's input (a draft, or open for input). */
    editGoals: z.boolean(),
    /** Mark what becomes of each goal next year (the year report). */
    markOutcomes: z.boolean(),
    /** The plan's own fields (Trinn 1–3 dates, the checklist, Trinn 6 and 7) the caller may write now. */
    fields: z.array(z.string()),
    transitions: z.array(z.enum(PLAN_TRANSITIONS)),
  }),
});
export const planSummary = z.strictObject({
  unit: unitRef,
  year: z.number().int(),
  /** Null where the unit has no plan for the year yet. */
  plan: z
    .strictObject({
      id: z.string(),
      status: z.enum(PLAN_STATUSES),
      goals: count,
      incompleteGoals: count,
      withoutOwner: count,
      withoutIndicator: count,
      /** For each follow-up period of the year: how many of its goals are reported. */
      reported: z.array(z.strictObject({ period: z.string(), goals: count })),
    })
    .nullable(),
  canDraft: z.boolean(),
});
export const planList = z.strictObject({ plans: z.array(planSummary) });

/** A count that is left out when it is below 3, so that nobody can be singled out (null: "under 3"). */
const smallCount = count.nullable();
export const threadGoal = z.strictObject({
  id: z.string(),
  goal: z.string(),
  unit: unitRef,
  planId: z.string(),
  /** The goal above that it serves (null at the top); the tree is built from these. */
  servesId: z.string().nullable(),
  owner: personRef.nullable(),
  latest: z.strictObject({ period: z.string(), status: z.enum(GOAL_STATUSES) }).nullable(),
  /** The latest status of this goal and every unit goal below it. */
  rollup: z.strictObject({
    reached: count,
    on_track: count,
    uncertain: count,
    not_reached: count,
    unreported: count,
  }),
  /** Conversations' plan rows that name it: counts only, never content. */
  personal: z.strictObject({ total: smallCount, achieved: smallCount }),
  /** The caller's own rows among them (they are a party to those conversations). */
  yours: z.array(
    z.strictObject({
      /** The plan row's id, or the conversation and field of a goal written as text. */
      key: z.string(),
      conversationId: z.string(),
      title: z.string(),
      /** Null for a goal written as text (a hovedmål): it has no follow-up of its own. */
      status: z.enum(FOLLOW_UP_STATUSES).nullable(),
    }),
  ),
  /** Whether the caller may read this goal's plan (goals above a readable plan are shown for context). */
  readable: z.boolean(),
});
// Kommunekompasset: a round as its reader sees it.
const points = z.number().describe('points with one decimal');
const noteView = z
  .strictObject({ text: z.string(), version: count, by: personRef, at: isoInstant })
  .nullable();
export const kompassRoundSummary = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  status: z.enum(ROUND_STATUSES),
  assessors: z.array(personRef),
  /** The agreed total once every sub-area is agreed. */
  total: count.nullable(),
});
export const kompassRoundList = z.strictObject({
  rounds: z.array(kompassRoundSummary),
  /** The caller may start a round (Admin or Kompass). */
  canStart: z.boolean(),
  /** Who may be named an assessor or asked for input: the organisation's people. */
  people: z.array(personRef.extend({ unit: z.string().nullable() })),
});
export const kompassRoundView = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  status: z.enum(ROUND_STATUSES),
  version: count,
  organisation: z.string(),
  assessors: z.array(personRef),
  can: z.strictObject({
    /** Score sub-areas and write the area notes (an assessor, while the round is being assessed). */
    score: z.boolean(),
    invite: z.boolean(),
    transitions: z.array(z.enum(ROUND_TRANSITIONS)),
    /** Make an area's Utfordring or Svakhet a goal of the municipality's plan (who writes that plan). */
    makeGoals: z.boolean(),
  }),
  /** Why the round cannot be finished yet (null: it can). */
  finishRefusal: z.enum(['unscored', 'disagreement']).nullable(),
  areas: z.array(
    z.strictObject({
      number: z.number().int(),
      perspective: z.string(),
      title: z.string(),
      max: count,
      subAreas: z.array(
        z.strictObject({
          code: z.string(),
          title: z.string(),
          max: count,
          questions: z.array(z.string()),
          /** Each assessor's score (in the order of assessors); null where not yet scored. */
          scores: z.array(points.nullable()),
          justifications: z.array(z.string().nullable()),
          agreed: points.nullable(),
          disagreement: z.boolean(),
          reference: points.nullable(),
        }),
      ),
      sums: z.strictObject({ byAssessor: z.array(count), agreed: count.nullable() }),
      notes: z.strictObject({ styrker: noteView, utfordringer: noteView, svakheter: noteView }),
      /** The groups' anonymous input: shown per group only from 5 respondents. */
      input: z.array(
        z.strictObject({
          group: z.enum(RESPONDENT_GROUPS),
          /** Null below 5: nothing is shown. */
          respondents: count.nullable(),
          /** The average agreement (1–5) per question, one decimal. */
          averages: z.array(z.number()).nullable(),
          /** Free text without names, in random order. */
          texts: z.array(z.string()),
        }),
      ),
    }),
  ),
  total: count.nullable(),
  max: count,
  /** The previous round's agreed area scores, to compare with. */
  previous: z.strictObject({ year: z.number().int(), areas: z.array(count.nullable()) }).nullable(),
  reference: z.strictObject({
    name: z.string(),
    /** Area scores as the seed reports them, and as its own sub-areas sum. */
    reported: z.array(count),
    computed: z.array(count),
  }),
  /** Figures from Samtale's own records for the areas it can speak to; null below 5 people. */
  evidence: z.array(
    z.strictObject({
      id: z.enum(EVIDENCE_FIGURES),
      area: z.number().int(),
      /** A share in percent, one decimal; null where fewer than 5 are counted. */
      value: z.number().nullable(),
      numerator: count.nullable(),
      denominator: count,
      /** For figures per period or per category (quarters, gradings). */
      part: z.string().nullable(),
    }),
  ),
  /** The finished round's archived PDF/A report (null until it is archived). */
  report: z.strictObject({ archivedAt: isoInstant }).nullable(),
  /** How many were asked and have answered all areas, per group (counts only). */
  invitations: z.array(z.strictObject({ group: z.enum(RESPONDENT_GROUPS), invited: count, answered: count })),
});

/** A goal made from a Kommunekompass finding, in the plan that took it. */
export const findingGoal = z.strictObject({ planId: z.string(), year: z.number().int(), goal: planGoalView });

/** A conversation's goal field and the unit goal it serves now. */
export const fieldLink = z.strictObject({ fieldId: z.string(), servesGoalId: z.uuid().nullable() });
/** The unit goals a conversation's goals may serve; `removed` only for a goal already linked and since taken out. */
export const servableGoals = z.strictObject({
  year: z.number().int(),
  goals: z.array(z.strictObject({ id: z.string(), goal: z.string(), unit: unitRef, removed: z.boolean() })),
});
export const redThread = z.strictObject({ year: z.number().int(), goals: z.array(threadGoal) });
