// What callers send: path parameters, queries and bodies. Strict objects: an unknown property is an
// error, never silently ignored. The server validates with these; the tab types its calls with them.
import { RESPONDENT_GROUPS, ROUND_TRANSITIONS } from '../domain/kompass-round.ts';
import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '../domain/answers.ts';
import { TRANSITIONS } from '../domain/conversation.ts';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, TIME_OF_DAY } from '../domain/meeting.ts';
import { GOAL_OUTCOMES, GOAL_STATUSES, PLAN_TRANSITIONS } from '../domain/unit-plan.ts';

export const uuid = z.uuid();
export const fieldId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'a field id');
export const personId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a person id');
export const templateKey = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a template key');
export const period = z
  .string()
  .regex(/^\d{4}(-(Q[1-4]|T[1-3]))?$/, 'a period such as 2026, 2026-Q1 or 2026-T2');
export const isoDate = z.iso.date();
export const version = z.number().int().min(0).max(2_147_483_647);

export const idParams = z.strictObject({ id: uuid });
export const answerParams = z.strictObject({ id: uuid, fieldId });
export const keyParams = z.strictObject({ key: templateKey });
export const periodQuery = z.strictObject({ period: period.optional() });
/** Where a page begins: the `next` of the page before (opaque). */
const pageCursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,400}$/)
  .optional();
export const teamQuery = z.strictObject({ period: period.optional(), after: pageCursor });

/** A time of day on the Oslo wall clock, 24-hour ("14:00"). */
export const timeOfDay = z.string().regex(TIME_OF_DAY, 'a time of day such as 14:00');
export const durationMinutes = z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES);

export const planBody = z.strictObject({
  templateKey,
  employeeOid: personId,
  period: period.optional(),
  scheduledAt: isoDate.optional(),
  /** With scheduledAt: the time of day (Europe/Oslo). */
  scheduledTime: timeOfDay.optional(),
  /** With a time: how long (default 60 minutes). */
  durationMinutes: durationMinutes.optional(),
  /** Create the Teams meeting in the leader's calendar, the employee invited (needs a time). */
  teamsMeeting: z.boolean().optional(),
});
/** When a planned conversation is held: a new date, time and length; its Teams meeting moves with it. */
export const scheduleBody = z.strictObject({
  scheduledAt: isoDate,
  scheduledTime: timeOfDay.nullable().optional(),
  durationMinutes: durationMinutes.optional(),
  /** Create the Teams meeting too, when the conversation has none yet. */
  teamsMeeting: z.boolean().optional(),
});
/** A Teams meeting chat's thread id, as a meeting tab's context names it. */
export const meetingChatQuery = z.strictObject({
  chatId: z.string().regex(/^19:[^\s/]{1,200}@thread\.(v2|skype|tacv2)$/, 'a meeting chat id'),
});

export const jsonValue: z.ZodType = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);

export const saveAnswerBody = z.strictObject({ value: jsonValue, baseVersion: version });
export const shareBody = z.strictObject({ fieldIds: z.array(fieldId).min(1).max(200).optional() });
export const transitionBody = z.strictObject({ transition: z.enum(TRANSITIONS) });
export const signBody = z.strictObject({
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex>'),
});
export const cells = z.record(z.string().max(80), z.union([z.string(), z.null()]));
export const addItemBody = z.strictObject({ fieldId, cells });
/** Only the changed cells, each with the version the writer started from (0: never written). */
export const updateItemBody = z.strictObject({ cells, cellVersions: z.record(z.string().max(80), version) });
export const removeItemQuery = z.strictObject({ version: z.coerce.number().int().min(1).max(2_147_483_647) });
export const followUpBody = z.strictObject({
  status: z.enum(FOLLOW_UP_STATUSES),
  comment: z.string().max(4000).nullable().optional(),
  baseVersion: version.min(1),
});
export const linkItemBody = z.strictObject({ goalId: uuid.nullable() });
export const planCopyParams = z.strictObject({ id: uuid, kind: z.enum(['adopted', 'report']) });
export const devLoginBody = z.strictObject({ userId: personId });
export const archiveQuery = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  templateKey: templateKey.optional(),
  unitId: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
  after: pageCursor,
});
export const archivePartParams = z.strictObject({ id: uuid, part: z.enum(['record', 'salary']) });
/** Innsyn: the person an export is for (HR, on the person's request). */
export const personParams = z.strictObject({ oid: personId });
/** Finding a person by part of their name or e-mail address. */
export const peopleQuery = z.strictObject({ q: z.string().trim().min(2).max(100) });

const text = z.string().min(1).max(4000);
const guide = z.array(z.strictObject({ text, sub: z.array(text).max(50).optional() })).max(50);
/** A part's words in nynorsk, each optional: the seed's bokmål is read where one is not given. */
const nynorsk = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape).optional();
const option = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  label: text,
  nn: nynorsk({ label: text.optional() }),
});
const column = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  label: text,
  group: text.optional(),
  hint: text.optional(),
  type: z.enum(['text', 'person', 'date', 'rating']),
  options: z.array(option).max(20).optional(),
  role: z.enum(['owner', 'due']).optional(),
  nn: nynorsk({ label: text.optional(), group: text.optional(), hint: text.optional() }),
});
const fieldBase = {
  id: fieldId,
  label: text,
  guide: guide.optional(),
  writer: z.enum(['leader', 'employee', 'either', 'both-separately']),
  visibility: z.enum(['shared', 'private']),
  prefillFrom: fieldId.optional(),
  servesUnitGoal: z.boolean().optional(),
  nn: nynorsk({ label: text.optional(), guide: guide.optional() }),
};
export const fieldSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...fieldBase, kind: z.literal('text') }),
  z.strictObject({ ...fieldBase, kind: z.literal('reflection') }),
  z.strictObject({ ...fieldBase, kind: z.literal('date') }),
  z.strictObject({ ...fieldBase, kind: z.literal('person') }),
  z.strictObject({ ...fieldBase, kind: z.literal('rating'), options: z.array(option).min(2).max(20) }),
  z.strictObject({ ...fieldBase, kind: z.literal('score'), max: z.number().int().min(1).max(1000) }),
  z.strictObject({ ...fieldBase, kind: z.literal('checklist'), options: z.array(option).min(1).max(50) }),
  z.strictObject({ ...fieldBase, kind: z.literal('goalList'), columns: z.array(column).min(1).max(20) }),
  z.strictObject({ ...fieldBase, kind: z.literal('actionPlan'), columns: z.array(column).min(1).max(20) }),
  z.strictObject({ ...fieldBase, kind: z.literal('previousItems'), sourceFieldId: fieldId }),
]);
export const sectionSchema = z.strictObject({
  id: fieldId,
  title: text,
  part: text.optional(),
  intro: z.array(text).max(20).optional(),
  namesParties: z.boolean().optional(),
  guideHeading: text.optional(),
  guide: guide.optional(),
  core: z.boolean(),
  sensitivity: z.enum(['normal', 'salary']),
  fields: z.array(fieldSchema).max(200),
  nn: nynorsk({
    title: text.optional(),
    intro: z.array(text).max(20).optional(),
    guideHeading: text.optional(),
    guide: guide.optional(),
  }),
});
export const customiseBody = z.strictObject({ sections: z.array(sectionSchema).min(1).max(100) });

// Units' plans (virksomhetsplan).
export const unitId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a unit id');
export const yearQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const draftPlanBody = z.strictObject({ unitId, year: z.number().int().min(2000).max(2100) });
const goalText = z.string().trim().min(1).max(2000);
const optionalText = z.string().max(4000).nullable();
const measure = z.number().nullable();
export const goalBody = z.strictObject({
  goal: goalText,
  indicator: optionalText.default(null),
  baseline: measure.default(null),
  target: measure.default(null),
  actions: optionalText.default(null),
  ownerOid: personId.nullable().default(null),
  due: isoDate.nullable().default(null),
  servesGoalId: uuid.nullable().default(null),
});
/** Only what changes, and the version the writer started from. */
export const goalPatchBody = z.strictObject({
  goal: goalText.optional(),
  indicator: optionalText.optional(),
  baseline: measure.optional(),
  target: measure.optional(),
  actions: optionalText.optional(),
  ownerOid: personId.nullable().optional(),
  due: isoDate.nullable().optional(),
  servesGoalId: uuid.nullable().optional(),
  outcome: z.enum(GOAL_OUTCOMES).nullable().optional(),
  baseVersion: version,
});
export const removeGoalQuery = z.strictObject({ version: z.coerce.number().int().min(0).max(2_147_483_647) });
// Kommunekompasset.
export const startRoundBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  assessors: z.array(personId).min(1).max(10),
});
export const roundTransitionBody = z.strictObject({
  transition: z.enum(ROUND_TRANSITIONS),
  baseVersion: version,
});
export const scoreParams = z.strictObject({
  id: uuid,
  code: z.string().regex(/^[1-8]\.[1-9]$/, 'a sub-area such as 3.2'),
});
export const scoreBody = z.strictObject({
  /** Points with one decimal, from 0 to the sub-area's maximum. */
  points: z.number(),
  justification: z.string().trim().max(4000).nullable().default(null),
});
export const noteParams = z.strictObject({
  id: uuid,
  area: z.coerce.number().int().min(1).max(8),
  kind: z.enum(['styrker', 'utfordringer', 'svakheter']),
});
export const noteBody = z.strictObject({ text: z.string().max(10_000), baseVersion: version });
export const areaParams = z.strictObject({ id: uuid, area: z.coerce.number().int().min(1).max(8) });
export const findingBody = z.strictObject({
  kind: z.enum(['utfordringer', 'svakheter']),
  text: z.string().trim().min(1).max(2000),
});
export const inviteBody = z.strictObject({
  group: z.enum(RESPONDENT_GROUPS),
  people: z.array(personId).min(1).max(5000),
});
export const planTransitionBody = z.strictObject({
  transition: z.enum(PLAN_TRANSITIONS),
  baseVersion: version,
});
export const contributionBody = z.strictObject({
  kind: z.enum(['comment', 'proposal']),
  goalId: uuid.nullable().default(null),
  text: z.string().trim().min(1).max(4000),
});
export const answerContributionBody = z.strictObject({
  answer: z.string().trim().min(1).max(4000),
  /** A proposal taken into the plan as a new goal. */
  takeIn: z.boolean().default(false),
});
export const goalReportBody = z.strictObject({
  period: z.string().regex(/^\d{4}-(Q[1-4]|T[1-3])$/, 'a follow-up period such as 2027-Q1'),
  status: z.enum(GOAL_STATUSES),
  measured: measure.default(null),
  comment: z.string().max(4000).nullable().default(null),
});

// HR's rounds and holds (issue 17).
/** HR keeps a record past its kassasjonsdato, saying why. */
/** Who is asked for feedback on the leader, and the last day they may answer. */
export const openFeedbackBody = z.strictObject({
  respondents: z.array(z.string().min(1).max(200)).min(1).max(500),
  closesOn: isoDate,
});
export const shareFeedbackBody = z.strictObject({ shared: z.enum(['private', 'shared', 'record']) });
export const holdBody = z.strictObject({ reason: z.string().max(2000) });
/** Units as a comma-separated query value ("a,b"). */
export const roundScopeQuery = z.strictObject({
  unitIds: z
    .string()
    .max(4000)
    .transform((v) => v.split(',').filter((x) => x !== ''))
    .pipe(z.array(unitId).min(1).max(200)),
});
export const roundBody = z.strictObject({
  templateKey: z.string().regex(/^[a-z0-9-]{1,64}$/),
  period,
  deadline: isoDate,
  unitIds: z.array(unitId).min(1).max(200),
  /** Who is in scope: people of those units, chosen from the directory. */
  people: z.array(z.string().min(1).max(128)).min(1).max(20_000),
});
/** A round's people, a page at a time. */
export const roundQuery = z.strictObject({ after: pageCursor });
