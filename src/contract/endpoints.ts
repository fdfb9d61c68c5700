// The API contract: every operation with its path, what it takes and what it answers, and the errors
// it may answer with. The server binds a handler to each (src/http/routes), the OpenAPI document is
// generated from it, and the tab's client is typed by it. Only the tab's types come from here; its
// bundle takes the plain paths table (./paths.ts), not zod.
import { z } from 'zod';
import type { ErrorCode } from '../errors/catalogue.ts';
import { PATHS, type OperationId } from './paths.ts';
import * as req from './requests.ts';
import * as view from './views.ts';

/** Who may call: a signed-in user (Teams SSO or demo token), anyone, or the Bot Framework channel. */
export type Auth = 'user' | 'public' | 'bot';

export const TAGS = {
  meta: 'What the tab needs before sign-in, and the service itself',
  dev: 'Demo sign-in (local mode only)',
  me: 'The signed-in person',
  conversations: 'Planning and reading conversations',
  meetings:
    "The conversation's Teams meeting: created in the leader's calendar on their behalf, and the meeting tab",
  preparation: 'Private preparation',
  lifecycle: 'Moving a conversation through its stages',
  answers: 'The fields of a record',
  'action items': 'Action-plan rows and development goals, and their follow-up',
  signatures: 'Signing the record',
  archive: 'Archived PDF/A copies',
  team: "A leader's direct reports",
  hr: 'Completion figures, the archive and reachability, for HR',
  templates: 'The conversation templates',
  admin: 'Configuration, for admins',
  plans: "Units' plans (virksomhetsplan): goals, the staff's input, quarterly follow-up",
  kommunekompass: "Kommunekompasset: the organisation's assessment rounds, scores, input and evidence",
  bot: 'The Teams bot (Bot Framework activities)',
} as const;

interface Spec {
  summary: string;
  tag: keyof typeof TAGS;
  auth: Auth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A JSON answer's schema, a file's media type, or an event stream. */
  response: z.ZodType | { file: 'application/pdf' | 'application/zip' } | { stream: 'text/event-stream' };
  /** The success status (200 unless said). */
  status?: 200 | 201;
  /** The errors this operation answers with besides those every operation may give. */
  errors: readonly ErrorCode[];
}

const NOT_PARTY = ['CONVERSATION_NOT_FOUND', 'FORBIDDEN'] as const;
const WRITE_STATE = ['RECORD_LOCKED', 'STATE_FORBIDS_WRITE'] as const;
/** What writing a plan row's cells may be refused for. */
const ROW_CELLS = [
  'FIELD_NOT_FOUND',
  'FIELD_NOT_WRITABLE',
  'ANSWER_INVALID',
  'TEXT_TOO_LONG',
  'ITEM_OWNER_NOT_PARTY',
] as const;

/** What writing a plan's goal may be refused for. */
const PLAN_GOAL_WRITE = [
  'FORBIDDEN',
  'PLAN_STATE_FORBIDS',
  'GOAL_OWNER_NOT_MEMBER',
  'GOAL_LINK_INVALID',
] as const;

const specs = {
  getHealth: {
    summary: 'Whether the service is up',
    tag: 'meta',
    auth: 'public',
    response: view.health,
    errors: [],
  },
  getOpenApi: {
    summary: 'This API described as OpenAPI 3.1',
    tag: 'meta',
    auth: 'public',
    response: z.record(z.string(), z.unknown()),
    errors: [],
  },
  postActivity: {
    summary:
      'The Teams bot: an activity from the Bot Framework (install, message, card action). In Microsoft 365 mode it needs the channel’s token.',
    tag: 'bot',
    auth: 'bot',
    body: z.looseObject({ type: z.string() }),
    response: z.unknown().describe('Empty, or for an invoke (a card action) the invoke response'),
    errors: ['UNAUTHENTICATED'],
  },
  getConfig: {
    summary: 'Public client configuration (mode, demo sign-in)',
    tag: 'meta',
    auth: 'public',
    response: view.clientConfig,
    errors: [],
  },
  getPrivacyFacts: {
    summary: "What the privacy page states from the organisation's configuration (public)",
    tag: 'meta',
    auth: 'public',
    response: view.privacyFacts,
    errors: [],
  },
  listDevUsers: {
    summary: 'Demo users and their roles (local mode only)',
    tag: 'dev',
    auth: 'public',
    response: view.devUsers,
    errors: [],
  },
  devLogin: {
    summary: 'Sign in as a demo user (local mode only)',
    tag: 'dev',
    auth: 'public',
    body: req.devLoginBody,
    response: view.devLoginResult,
    errors: ['USER_NOT_FOUND'],
  },
  getMe: {
    summary: 'Who I am, my unit, my leader and my direct reports',
    tag: 'me',
    auth: 'user',
    response: view.meView,
    errors: ['USER_NOT_FOUND'],
  },
  exportMyData: {
    summary:
      'Innsyn (GDPR art. 15): a ZIP of everything Samtale holds about me that I may read, as JSON and the records as PDF (docs/innsyn.md); audited',
    tag: 'me',
    auth: 'user',
    response: { file: 'application/zip' },
    errors: ['USER_NOT_FOUND'],
  },
  listMyConversations: {
    summary: 'My conversations, as employee and as leader',
    tag: 'conversations',
    auth: 'user',
    response: view.myConversations,
    errors: [],
  },
  planConversation: {
    summary: 'Plan a conversation with a direct report',
    tag: 'conversations',
    auth: 'user',
    body: req.planBody,
    response: view.scheduledView,
    status: 201,
    errors: [
      'TEMPLATE_NOT_FOUND',
      'TEMPLATE_NOT_A_CONVERSATION',
      'USER_NOT_FOUND',
      'NOT_DIRECT_REPORT',
      'CONVERSATION_EXISTS',
      'MEETING_NEEDS_TIME',
      'MEETING_NOT_OFFERED',
    ],
  },
  getConversation: {
    summary: 'One conversation, as the caller may see it, with what the caller may do',
    tag: 'conversations',
    auth: 'user',
    params: req.idParams,
    response: view.conversationView,
    errors: [...NOT_PARTY],
  },
  getFeedbackRound: {
    summary:
      'The feedback round on the assessed leader: who may be asked, progress, and the result (only to the leader, or to their superior if shared)',
    tag: 'preparation',
    auth: 'user',
    params: req.idParams,
    response: view.feedbackView,
    errors: [...NOT_PARTY],
  },
  openFeedbackRound: {
    summary: "Ask the leader's reports (and chosen peers) for anonymous feedback before the conversation",
    tag: 'preparation',
    auth: 'user',
    params: req.idParams,
    body: req.openFeedbackBody,
    response: view.feedbackView,
    status: 201,
    errors: [
      ...NOT_PARTY,
      'FEEDBACK_NOT_AVAILABLE',
      'FEEDBACK_EXISTS',
      'FEEDBACK_CONVERSATION_HELD',
      'FEEDBACK_TOO_FEW_ASKED',
      'FEEDBACK_CLOSES_OUTSIDE',
      'FEEDBACK_RESPONDENT_NOT_ALLOWED',
    ],
  },
  closeFeedbackRound: {
    summary: 'Close the feedback round before its day, once enough have answered',
    tag: 'preparation',
    auth: 'user',
    params: req.idParams,
    response: view.feedbackView,
    errors: [...NOT_PARTY, 'FEEDBACK_NOT_FOUND', 'FEEDBACK_TOO_FEW'],
  },
  shareFeedbackResult: {
    summary:
      'The assessed leader keeps the result private, shares it with the superior, or puts its figures in the signed record',
    tag: 'preparation',
    auth: 'user',
    params: req.idParams,
    body: req.shareFeedbackBody,
    response: view.feedbackView,
    errors: [...NOT_PARTY, 'FEEDBACK_NOT_FOUND', 'FEEDBACK_NO_RESULT', ...WRITE_STATE],
  },
  sharePreparation: {
    summary: 'Share my private preparation with the other party',
    tag: 'preparation',
    auth: 'user',
    params: req.idParams,
    body: req.shareBody,
    response: view.shareResult,
    errors: [...NOT_PARTY, 'FIELD_NOT_FOUND', 'NOTHING_TO_SHARE', ...WRITE_STATE],
  },
  transitionConversation: {
    summary: 'Move the conversation to its next stage',
    tag: 'lifecycle',
    auth: 'user',
    params: req.idParams,
    body: req.transitionBody,
    // Cancelling also cancels the Teams meeting Samtale created: what became of it is in `meeting`.
    response: view.scheduledView,
    errors: [...NOT_PARTY, 'ILLEGAL_TRANSITION'],
  },
  rescheduleConversation: {
    summary:
      'Change when the conversation is held (date, time of day in Europe/Oslo, length); its Teams meeting moves with it',
    tag: 'meetings',
    auth: 'user',
    params: req.idParams,
    body: req.scheduleBody,
    response: view.scheduledView,
    errors: [...NOT_PARTY, 'STATE_FORBIDS_WRITE', 'MEETING_NEEDS_TIME', 'MEETING_NOT_OFFERED'],
  },
  getConversationMeeting: {
    summary: "The conversation's Teams meeting, and whether the caller may reschedule or create it",
    tag: 'meetings',
    auth: 'user',
    params: req.idParams,
    response: view.meetingView,
    errors: [...NOT_PARTY],
  },
  bookConversationMeeting: {
    summary:
      "Create the conversation's Teams meeting in the leader's calendar, the employee invited (as the leader, on-behalf-of)",
    tag: 'meetings',
    auth: 'user',
    params: req.idParams,
    response: view.scheduledView,
    errors: [
      ...NOT_PARTY,
      'STATE_FORBIDS_WRITE',
      'MEETING_NEEDS_TIME',
      'MEETING_NOT_OFFERED',
      'MEETING_CONSENT_REQUIRED',
      'MEETING_CALENDAR_UNAVAILABLE',
    ],
  },
  getStageRecord: {
    summary:
      "The shared record, read only, for a meeting's stage: never private preparation, not even the caller's own",
    tag: 'meetings',
    auth: 'user',
    params: req.idParams,
    response: view.conversationView,
    errors: [...NOT_PARTY],
  },
  findMeetingConversation: {
    summary: 'The conversation whose Teams meeting Samtale created in this meeting chat (for a meeting tab)',
    tag: 'meetings',
    auth: 'user',
    query: req.meetingChatQuery,
    response: view.meetingConversation,
    errors: [],
  },
  signRecord: {
    summary: 'Sign the record as shown (by its content hash)',
    tag: 'signatures',
    auth: 'user',
    params: req.idParams,
    body: req.signBody,
    response: view.signResult,
    status: 201,
    errors: [...NOT_PARTY, 'RECORD_LOCKED', 'NOT_READY_TO_SIGN', 'SIGNED_CONTENT_CHANGED', 'ALREADY_SIGNED'],
  },
  saveAnswer: {
    summary: 'Save one field (optimistic concurrency: 409 with the current value on a stale base version)',
    tag: 'answers',
    auth: 'user',
    params: req.answerParams,
    body: req.saveAnswerBody,
    response: view.saveAnswerResult,
    errors: [
      ...NOT_PARTY,
      'FIELD_NOT_FOUND',
      'FIELD_USES_ITEMS',
      'FIELD_NOT_WRITABLE',
      'ANSWER_INVALID',
      'TEXT_TOO_LONG',
      'VERSION_CONFLICT',
      ...WRITE_STATE,
    ],
  },
  addActionItem: {
    summary: 'Add an action-plan row or a development goal',
    tag: 'action items',
    auth: 'user',
    params: req.idParams,
    body: req.addItemBody,
    response: view.actionItemView,
    status: 201,
    errors: [...NOT_PARTY, ...ROW_CELLS, 'TOO_MANY_ITEMS', ...WRITE_STATE],
  },
  updateActionItem: {
    summary: 'Change an action item (optimistic concurrency, as answers)',
    tag: 'action items',
    auth: 'user',
    params: req.idParams,
    body: req.updateItemBody,
    response: view.actionItemView,
    errors: ['ITEM_NOT_FOUND', ...NOT_PARTY, ...ROW_CELLS, 'VERSION_CONFLICT', ...WRITE_STATE],
  },
  removeActionItem: {
    summary: 'Remove an action item',
    tag: 'action items',
    auth: 'user',
    params: req.idParams,
    query: req.removeItemQuery,
    response: view.removedResult,
    errors: [
      'ITEM_NOT_FOUND',
      ...NOT_PARTY,
      'FIELD_NOT_FOUND',
      'FIELD_NOT_WRITABLE',
      'VERSION_CONFLICT',
      ...WRITE_STATE,
    ],
  },
  recordFollowUp: {
    summary: 'Record the follow-up status of an item I own',
    tag: 'action items',
    auth: 'user',
    params: req.idParams,
    body: req.followUpBody,
    response: view.actionItemView,
    errors: ['ITEM_NOT_FOUND', ...NOT_PARTY, 'FOLLOW_UP_NOT_OPEN', 'VERSION_CONFLICT'],
  },
  linkActionItem: {
    summary:
      "Name the unit plan's goal a plan row serves (Bidrar til), or clear it: a party of the conversation",
    tag: 'action items',
    auth: 'user',
    params: req.idParams,
    body: req.linkItemBody,
    response: view.actionItemView,
    errors: ['ITEM_NOT_FOUND', ...NOT_PARTY, 'GOAL_LINK_INVALID'],
  },
  linkAnswerField: {
    summary:
      "Name the unit plan's goal a goal written as text serves (Punkt 3's hovedmål), or clear it: a party of the conversation",
    tag: 'action items',
    auth: 'user',
    params: req.answerParams,
    body: req.linkItemBody,
    response: view.fieldLink,
    errors: [...NOT_PARTY, 'FIELD_NOT_FOUND', 'FIELD_NOT_LINKABLE', 'GOAL_LINK_INVALID'],
  },
  listServableGoals: {
    summary:
      "The unit goals a conversation's goals may serve: that year's plans of the employee's unit and the units above it",
    tag: 'action items',
    auth: 'user',
    params: req.idParams,
    response: view.servableGoals,
    errors: [...NOT_PARTY],
  },
  listMyFollowUp: {
    summary: 'My open plan items across my signed conversations, with due dates and follow-up history',
    tag: 'action items',
    auth: 'user',
    response: view.myFollowUp,
    errors: [],
  },
  conversationEvents: {
    summary:
      'Server-sent events: "changed" whenever the conversation changes in a way the caller may see (no content; read the conversation again)',
    tag: 'conversations',
    auth: 'user',
    params: req.idParams,
    response: { stream: 'text/event-stream' },
    errors: [...NOT_PARTY],
  },
  openArchiveCopy: {
    summary: 'Open an archived PDF/A copy (parties; HR; salary part only with HR.Salary)',
    tag: 'archive',
    auth: 'user',
    params: req.archivePartParams,
    response: { file: 'application/pdf' },
    errors: [...NOT_PARTY, 'NOT_FOUND', 'ARCHIVE_COPY_DAMAGED'],
  },
  listTeam: {
    summary: 'My direct reports and the status of their conversations',
    tag: 'team',
    auth: 'user',
    query: req.teamQuery,
    response: view.teamView,
    errors: [],
  },
  getCompletion: {
    summary: 'Completion per unit and template (HR; figures only)',
    tag: 'hr',
    auth: 'user',
    query: req.periodQuery,
    response: view.completionView,
    errors: ['FORBIDDEN'],
  },
  listUnreachable: {
    summary: 'People the bot can no longer reach in Teams (app removed or blocked), for HR to follow up',
    tag: 'hr',
    auth: 'user',
    response: view.unreachableList,
    errors: ['FORBIDDEN'],
  },
  findPeople: {
    summary: 'Find the person an innsyn request names, by name or e-mail address (HR)',
    tag: 'hr',
    auth: 'user',
    query: req.peopleQuery,
    response: view.peopleFound,
    errors: ['FORBIDDEN'],
  },
  exportPersonData: {
    summary:
      "A person's innsyn export, made by HR on their request: exactly what the person may read themselves (HR; audited as HR's, for that person)",
    tag: 'hr',
    auth: 'user',
    params: req.personParams,
    response: { file: 'application/zip' },
    errors: ['FORBIDDEN', 'USER_NOT_FOUND'],
  },
  listArchive: {
    summary: 'The archive for HR, filtered by year, type and unit (salary copies only with HR.Salary)',
    tag: 'hr',
    auth: 'user',
    query: req.archiveQuery,
    response: view.archiveListing,
    errors: ['FORBIDDEN'],
  },
  placeRetentionHold: {
    summary: 'HR keeps an archived record past its kassasjonsdato (bevares), with the reason',
    tag: 'hr',
    auth: 'user',
    params: req.idParams,
    body: req.holdBody,
    response: view.holdView,
    errors: ['FORBIDDEN', 'CONVERSATION_NOT_FOUND', 'HOLD_INVALID', 'RECORD_BEING_DISPOSED'],
  },
  removeRetentionHold: {
    summary: 'HR lifts a hold: the record goes at the next retention run if its kassasjonsdato has passed',
    tag: 'hr',
    auth: 'user',
    params: req.idParams,
    response: view.holdView,
    errors: ['FORBIDDEN', 'CONVERSATION_NOT_FOUND'],
  },
  listRounds: {
    summary: "HR's rounds for a period, with coverage of everyone in scope",
    tag: 'hr',
    auth: 'user',
    query: req.periodQuery,
    response: view.roundList,
    errors: ['FORBIDDEN'],
  },
  previewRoundScope: {
    summary: 'The people of some units, from the directory: who a new round can include',
    tag: 'hr',
    auth: 'user',
    query: req.roundScopeQuery,
    response: view.roundScope,
    errors: ['FORBIDDEN'],
  },
  createRound: {
    summary: 'HR defines a round: template, period, deadline, units and the people in scope',
    tag: 'hr',
    auth: 'user',
    body: req.roundBody,
    response: view.roundView,
    status: 201,
    errors: ['FORBIDDEN', 'TEMPLATE_NOT_FOUND', 'HR_ROUND_INVALID'],
  },
  getRound: {
    summary: "A round's coverage per unit and each person's stage (names and status only), people paged",
    tag: 'hr',
    auth: 'user',
    params: req.idParams,
    query: req.roundQuery,
    response: view.roundView,
    errors: ['FORBIDDEN', 'HR_ROUND_NOT_FOUND'],
  },
  deleteRound: {
    summary: 'HR removes a round (its conversations stay as they are)',
    tag: 'hr',
    auth: 'user',
    params: req.idParams,
    response: view.roundList,
    errors: ['FORBIDDEN', 'HR_ROUND_NOT_FOUND'],
  },
  listTemplates: {
    summary: 'The templates my organisation uses',
    tag: 'templates',
    auth: 'user',
    response: view.templateList,
    errors: [],
  },
  getTemplate: {
    summary: 'One template, in full',
    tag: 'templates',
    auth: 'user',
    params: req.keyParams,
    response: view.templateView,
    errors: ['TEMPLATE_NOT_FOUND'],
  },
  getEditableTemplate: {
    summary:
      "The organisation's current version of a template for editing, with its core parts and how many conversations with it are under way (Admin)",
    tag: 'admin',
    auth: 'user',
    params: req.keyParams,
    response: view.editableTemplateView,
    errors: ['FORBIDDEN', 'TEMPLATE_NOT_FOUND'],
  },
  customiseTemplate: {
    summary: "Set the organisation's version of a template (Admin; core sections cannot be removed)",
    tag: 'admin',
    auth: 'user',
    params: req.keyParams,
    body: req.customiseBody,
    response: view.templateView,
    errors: [
      'FORBIDDEN',
      'TEMPLATE_NOT_FOUND',
      'TEMPLATE_CORE_REMOVED',
      'TEMPLATE_PREFILL_FORBIDDEN',
      'VERSION_CONFLICT',
    ],
  },
  listPlans: {
    summary: 'The units whose plan I may read, each with its plan for the year (or none yet)',
    tag: 'plans',
    auth: 'user',
    query: req.yearQuery,
    response: view.planList,
    errors: [],
  },
  getRedThread: {
    summary:
      'Den røde tråden: the goals of the plans I may read, from the top down, each with the unit goals and personal goals (counts only) that serve it',
    tag: 'plans',
    auth: 'user',
    query: req.yearQuery,
    response: view.redThread,
    errors: [],
  },
  draftPlan: {
    summary:
      "Start a unit's plan for a year (its leader, or a leader above); last year's goals to carry on come along",
    tag: 'plans',
    auth: 'user',
    body: req.draftPlanBody,
    response: view.planView,
    status: 201,
    errors: ['UNIT_NOT_FOUND', 'FORBIDDEN', 'PLAN_EXISTS'],
  },
  getPlan: {
    summary: 'A unit plan with its goals, their follow-up and the staff’s input',
    tag: 'plans',
    auth: 'user',
    params: req.idParams,
    response: view.planView,
    errors: ['PLAN_NOT_FOUND'],
  },
  openPlanCopy: {
    summary:
      'Open a plan’s archived PDF/A copy, as adopted or with its year report (whoever may read the plan)',
    tag: 'plans',
    auth: 'user',
    params: req.planCopyParams,
    response: { file: 'application/pdf' },
    errors: ['PLAN_NOT_FOUND', 'PLAN_COPY_NOT_FOUND', 'ARCHIVE_COPY_DAMAGED'],
  },
  transitionPlan: {
    summary: 'Open the plan for input, adopt it, start the year report, or close it',
    tag: 'plans',
    auth: 'user',
    params: req.idParams,
    body: req.planTransitionBody,
    response: view.planView,
    errors: ['PLAN_NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'PLAN_NOT_READY', 'VERSION_CONFLICT'],
  },
  savePlanAnswer: {
    summary:
      "Write one of the plan's own fields: Trinn 1–3 dates and the checklist until adoption, Trinn 6 once adopted, the year report (Trinn 7)",
    tag: 'plans',
    auth: 'user',
    params: req.answerParams,
    body: req.saveAnswerBody,
    response: view.planView,
    errors: [
      'PLAN_NOT_FOUND',
      'FIELD_NOT_FOUND',
      'FORBIDDEN',
      'PLAN_STATE_FORBIDS',
      'ANSWER_INVALID',
      'TEXT_TOO_LONG',
      'VERSION_CONFLICT',
    ],
  },
  addPlanGoal: {
    summary: 'Add a goal to a draft plan',
    tag: 'plans',
    auth: 'user',
    params: req.idParams,
    body: req.goalBody,
    response: view.planGoalView,
    status: 201,
    errors: ['PLAN_NOT_FOUND', ...PLAN_GOAL_WRITE],
  },
  updatePlanGoal: {
    summary: 'Change a goal (while the plan is a draft), or mark what becomes of it in the year report',
    tag: 'plans',
    auth: 'user',
    params: req.idParams,
    body: req.goalPatchBody,
    response: view.planGoalView,
    errors: ['GOAL_NOT_FOUND', ...PLAN_GOAL_WRITE, 'VERSION_CONFLICT'],
  },
  removePlanGoal: {
    summary: 'Take a goal out of a draft plan (goals that name it keep the link, as a former goal)',
    tag: 'plans',
    auth: 'user',
    params: req.idParams,
    query: req.removeGoalQuery,
    response: view.planGoalView,
    errors: ['GOAL_NOT_FOUND', 'FORBIDDEN', 'PLAN_STATE_FORBIDS', 'VERSION_CONFLICT'],
  },
  reportGoal: {
    summary:
      "Report a goal's status and measured value for a quarter (its Ansvarsperson, or the unit's leader)",
    tag: 'plans',
    auth: 'user',
    params: req.idParams,
    body: req.goalReportBody,
    response: view.planGoalView,
    errors: ['GOAL_NOT_FOUND', 'FORBIDDEN', 'PLAN_STATE_FORBIDS'],
  },
  contributeToPlan: {
    summary: 'Comment on a goal or propose one, while the plan is open for input',
    tag: 'plans',
    auth: 'user',
    params: req.idParams,
    body: req.contributionBody,
    response: view.contributionView,
    status: 201,
    errors: ['PLAN_NOT_FOUND', 'FORBIDDEN', 'PLAN_STATE_FORBIDS', 'GOAL_NOT_FOUND'],
  },
  answerContribution: {
    summary: 'Answer a comment or proposal; a proposal may be taken in as a new goal',
    tag: 'plans',
    auth: 'user',
    params: req.idParams,
    body: req.answerContributionBody,
    response: view.contributionView,
    errors: ['CONTRIBUTION_NOT_FOUND', 'FORBIDDEN', 'PLAN_STATE_FORBIDS', 'CONTRIBUTION_ANSWERED'],
  },
  listKompassRounds: {
    summary: 'The Kommunekompass rounds the caller may read, and whether they may start one',
    tag: 'kommunekompass',
    auth: 'user',
    response: view.kompassRoundList,
    errors: [],
  },
  startKompassRound: {
    summary: 'Start a Kommunekompass round for a year and name its assessors (Admin or Kompass)',
    tag: 'kommunekompass',
    auth: 'user',
    body: req.startRoundBody,
    status: 201,
    response: view.kompassRoundView,
    errors: ['FORBIDDEN', 'ROUND_EXISTS', 'ASSESSOR_UNKNOWN'],
  },
  getKompassRound: {
    summary: 'A round with its scores, agreement, notes, the groups’ input (from 5), evidence and references',
    tag: 'kommunekompass',
    auth: 'user',
    params: req.idParams,
    response: view.kompassRoundView,
    errors: ['ROUND_NOT_FOUND'],
  },
  transitionKompassRound: {
    summary: 'Open the round for input, start the assessment, or finish it (every sub-area agreed)',
    tag: 'kommunekompass',
    auth: 'user',
    params: req.idParams,
    body: req.roundTransitionBody,
    response: view.kompassRoundView,
    errors: ['ROUND_NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'ROUND_NOT_READY', 'VERSION_CONFLICT'],
  },
  scoreSubArea: {
    summary: 'An assessor scores a sub-area, in tenths up to its maximum, with a justification',
    tag: 'kommunekompass',
    auth: 'user',
    params: req.scoreParams,
    body: req.scoreBody,
    response: view.kompassRoundView,
    errors: ['ROUND_NOT_FOUND', 'FORBIDDEN', 'ROUND_STATE_FORBIDS', 'SCORE_INVALID'],
  },
  saveAreaNote: {
    summary: 'An assessor writes an area’s Styrker, Utfordringer or Svakheter (at its version)',
    tag: 'kommunekompass',
    auth: 'user',
    params: req.noteParams,
    body: req.noteBody,
    response: view.kompassRoundView,
    errors: ['ROUND_NOT_FOUND', 'FORBIDDEN', 'ROUND_STATE_FORBIDS', 'VERSION_CONFLICT'],
  },
  inviteRespondents: {
    summary: 'Ask people of a group for input per area (Admin or Kompass, before the assessment)',
    tag: 'kommunekompass',
    auth: 'user',
    params: req.idParams,
    body: req.inviteBody,
    response: view.kompassRoundView,
    errors: ['ROUND_NOT_FOUND', 'FORBIDDEN', 'ROUND_STATE_FORBIDS', 'ASSESSOR_UNKNOWN'],
  },
  openKompassReport: {
    summary: 'Open a finished round’s archived PDF/A report (whoever reads the round)',
    tag: 'kommunekompass',
    auth: 'user',
    params: req.idParams,
    response: { file: 'application/pdf' },
    errors: ['ROUND_NOT_FOUND', 'NOT_FOUND', 'ARCHIVE_COPY_DAMAGED'],
  },
  makeGoalFromFinding: {
    summary:
      "Make an area's Utfordring or Svakhet a goal of the municipality's own plan open for goals, linked back to the area",
    tag: 'kommunekompass',
    auth: 'user',
    params: req.areaParams,
    body: req.findingBody,
    status: 201,
    response: view.findingGoal,
    errors: [
      'ROUND_NOT_FOUND',
      'FINDING_NOT_FOUND',
      'NO_OPEN_TOP_PLAN',
      'PLAN_NOT_FOUND',
      'FORBIDDEN',
      'PLAN_STATE_FORBIDS',
    ],
  },
} as const satisfies Record<OperationId, Spec>;

type Specs = typeof specs;
type Path<K extends OperationId> = (typeof PATHS)[K];

export type Endpoint<K extends OperationId = OperationId> = Specs[K] & {
  operationId: K;
  method: Path<K>[0];
  path: Path<K>[1];
};

/** A path or body that cannot be decoded is refused before any operation sees it (for the API description). */
function decodingErrors(spec: Spec): ErrorCode[] {
  return [...(spec.params ? ['BAD_PATH' as const] : []), ...(spec.body ? ['BAD_ENCODING' as const] : [])];
}

export const endpoints = Object.fromEntries(
  (Object.keys(specs) as OperationId[]).map((k) => [
    k,
    {
      ...specs[k],
      errors: [...specs[k].errors, ...decodingErrors(specs[k])] as readonly ErrorCode[],
      operationId: k,
      method: PATHS[k][0],
      path: PATHS[k][1],
    },
  ]),
) as { [K in OperationId]: Endpoint<K> };

// The types a caller works with, per operation.
type SchemaOf<K extends OperationId, Part extends 'params' | 'query' | 'body'> = Specs[K] extends {
  [P in Part]: infer S extends z.ZodType;
}
  ? S
  : undefined;

export type ParamsOf<K extends OperationId> =
  SchemaOf<K, 'params'> extends z.ZodType ? z.output<SchemaOf<K, 'params'>> : undefined;
export type QueryOf<K extends OperationId> =
  SchemaOf<K, 'query'> extends z.ZodType ? z.output<SchemaOf<K, 'query'>> : undefined;
export type BodyOf<K extends OperationId> =
  SchemaOf<K, 'body'> extends z.ZodType ? z.output<SchemaOf<K, 'body'>> : undefined;
/** What a caller sends: the body as the schema accepts it (before defaults and coercion). */
export type BodyInputOf<K extends OperationId> =
  SchemaOf<K, 'body'> extends z.ZodType ? z.input<SchemaOf<K, 'body'>> : undefined;
export type QueryInputOf<K extends OperationId> =
  SchemaOf<K, 'query'> extends z.ZodType ? z.input<SchemaOf<K, 'query'>> : undefined;

/** A JSON answer as its schema describes it, or a file's bytes. */
export type ResponseOf<K extends OperationId> = Specs[K]['response'] extends z.ZodType
  ? z.output<Specs[K]['response']>
  : Specs[K]['response'] extends { file: string }
    ? Uint8Array
    : ReadableStream<Uint8Array>;
/** What a handler returns: what the response schema accepts, a file, or a stream of events. */
export type ReplyOf<K extends OperationId> = Specs[K]['response'] extends z.ZodType
  ? z.input<Specs[K]['response']>
  : Specs[K]['response'] extends { file: string }
    ? { bytes: Uint8Array; filename: string }
    : EventStream;

/** A stream of named events: the registry writes each as server-sent events until the caller leaves. */
export interface EventStream {
  /** Called once with a way to send; returns what to do when the caller disconnects. */
  open(send: (event: string, data: string) => void): () => void;
}

export type { OperationId };
