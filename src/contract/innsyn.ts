// The innsyn export (GDPR art. 15): the JSON files of the ZIP a person (or HR, for them) downloads.
// Part of the contract like the views: the use case builds these, the tests read every file back
// through them, and docs/innsyn.md describes them field by field. A change here is a new version.
import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '../domain/answers.ts';
import { STATUSES } from '../domain/conversation.ts';
import { jsonValue } from './requests.ts';

export const INNSYN_FORMAT = 'samtale-innsyn';
export const INNSYN_VERSION = 2;

/** The export's files and folder, by fixed names: the same in every language, so tools can read them. */
export const INNSYN_FILES = {
  readme: 'LES-MEG.txt',
  manifest: 'innsyn.json',
  conversations: 'samtaler.json',
  preparation: 'forberedelse.json',
  items: 'oppfolgingspunkter.json',
  feedback: 'tilbakemelding.json',
  reminders: 'paminnelser.json',
  audit: 'revisjonslogg.json',
  records: 'referater/',
} as const;

const instant = z.string().describe('an instant, ISO 8601 in UTC');
const day = z.string().describe('a calendar date, YYYY-MM-DD');
const count = z.number().int().min(0);
const party = z.enum(['leader', 'employee']);
const followUpStatus = z.enum(FOLLOW_UP_STATUSES);

export const innsynManifest = z.strictObject({
  format: z.literal(INNSYN_FORMAT),
  version: z.literal(INNSYN_VERSION),
  exportedAt: instant,
  /** The language of the texts (…Text, what, about): nb, nn or en. */
  language: z.string(),
  person: z.strictObject({ name: z.string(), upn: z.string(), unit: z.string().nullable() }),
  /** Who downloaded it: the person themselves, or HR on their request. */
  exportedBy: z.strictObject({ name: z.string(), as: z.enum(['self', 'hr']) }),
  organisation: z.string(),
  counts: z.strictObject({
    conversations: count,
    documents: count,
    preparation: count,
    items: count,
    /** Feedback rounds in tilbakemelding.json: those about the person and those they were asked to answer. */
    feedbackRounds: count,
    reminders: count,
    auditEvents: count,
  }),
});

const option = z.strictObject({ id: z.string(), label: z.string() });
const column = z.strictObject({
  id: z.string(),
  label: z.string(),
  type: z.enum(['text', 'person', 'date', 'rating']),
  options: z.array(option).optional(),
});

const answer = z.strictObject({
  /** shared: the record's one answer; leader or employee: that party's own (their preparation, their view). */
  slot: z.enum(['shared', 'leader', 'employee']),
  value: jsonValue,
  /** Who wrote it last, by name. */
  updatedBy: z.string(),
  updatedAt: instant,
  /** Private preparation: when its author shared it (null: not shared). */
  sharedAt: instant.nullable(),
});

/** A row of an action plan or a list of goals. Person columns hold the person's name. */
const row = z.strictObject({
  id: z.uuid(),
  position: count,
  cells: z.record(z.string(), z.string().nullable()),
  owner: z.string().nullable(),
  due: day.nullable(),
  status: followUpStatus,
  statusText: z.string(),
  statusComment: z.string().nullable(),
  statusUpdatedAt: instant.nullable(),
});

const field = z.strictObject({
  id: z.string(),
  label: z.string(),
  kind: z.string(),
  visibility: z.enum(['shared', 'private']),
  options: z.array(option).optional(),
  columns: z.array(column).optional(),
  answers: z.array(answer),
  rows: z.array(row).optional(),
});

const document = z.strictObject({
  part: z.enum(['record', 'salary']),
  /** The PDF's path in the ZIP; null when it could not be included (see problem). */
  file: z.string().nullable(),
  /** archive: the archived copy, checked against its checksum; rendered: signed, not yet archived. */
  source: z.enum(['archive', 'rendered']),
  problem: z.enum(['missing', 'damaged']).nullable(),
});

const conversation = z.strictObject({
  id: z.uuid(),
  /** In words: type, period and the other party. */
  title: z.string(),
  template: z.strictObject({ key: z.string(), version: z.string(), name: z.string(), title: z.string() }),
  period: z.string(),
  periodText: z.string(),
  status: z.enum(STATUSES),
  statusText: z.string(),
  scheduledAt: day.nullable(),
  /** The time of day on that date (Europe/Oslo, "14:00"), when one was given. */
  scheduledTime: z.string().nullable(),
  /** How long it was planned to last, in minutes, with a time. */
  durationMinutes: z.number().int().nullable(),
  /** In words: "20. januar 2027 kl. 14.00 (60 minutter)", or null without a date. */
  scheduledText: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  unit: z.string().nullable(),
  /** The person's part in it. */
  you: party,
  parties: z.strictObject({
    leader: z.strictObject({ name: z.string(), role: z.string() }),
    employee: z.strictObject({ name: z.string(), role: z.string() }),
  }),
  sections: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      sensitivity: z.enum(['normal', 'salary']),
      fields: z.array(field),
    }),
  ),
  /** Sections the person may not read, by id (for a party: none). */
  withheldSections: z.array(z.string()),
  contentHash: z.string(),
  signatures: z.array(
    z.strictObject({
      party,
      name: z.string(),
      signedAt: instant,
      contentHash: z.string(),
      valid: z.boolean(),
    }),
  ),
  documents: z.array(document),
});
export const innsynConversations = z.strictObject({ conversations: z.array(conversation) });

export const innsynPreparation = z.strictObject({
  preparation: z.array(
    z.strictObject({
      conversationId: z.uuid(),
      conversation: z.string(),
      section: z.string(),
      fieldId: z.string(),
      label: z.string(),
      value: jsonValue,
      updatedAt: instant,
      sharedAt: instant.nullable(),
    }),
  ),
});

export const innsynItems = z.strictObject({
  items: z.array(
    row.extend({
      conversationId: z.uuid(),
      conversation: z.string(),
      /** The plan field the row is in, by its label ("Handlingsplan"). */
      field: z.string(),
      history: z.array(
        z.strictObject({
          status: followUpStatus,
          statusText: z.string(),
          comment: z.string().nullable(),
          at: instant,
          by: z.string(),
        }),
      ),
    }),
  ),
});

export const innsynReminders = z.strictObject({
  reminders: z.array(
    z.strictObject({
      day,
      status: z.enum(['pending', 'sending', 'sent', 'undeliverable']),
      statusText: z.string(),
      sentAt: instant.nullable(),
      messages: z.array(
        z.strictObject({
          kind: z.string(),
          kindText: z.string(),
          /** What it was about: a conversation, a plan, a round, or the person. */
          subject: z.string(),
          period: z.string(),
          date: z.string().nullable(),
          count: count,
          template: z.string().nullable(),
          unit: z.string().nullable(),
          missing: z.array(z.string()),
          /** The person it was about, by name (the leader a feedback round asks about), or null. */
          about: z.string().nullable(),
        }),
      ),
    }),
  ),
});

const feedbackShare = z.enum(['private', 'shared', 'record']);

/**
 * Feedback rounds: those about the person (the leader assessed), each with its result exactly as the
 * person's own view shows it, and those the person was asked to answer, with whether they answered.
 * Never who was asked, and never anyone's answer: answers are stored without the person.
 */
export const innsynFeedback = z.strictObject({
  aboutYou: z.array(
    z.strictObject({
      roundId: z.uuid(),
      conversationId: z.uuid(),
      /** The conversation in words, as the other files name it. */
      conversation: z.string(),
      /** Who opened the round, by name: the person, or their superior. */
      openedBy: z.string(),
      openedAt: instant,
      /** The last day answers were or are taken. */
      closesOn: day,
      /** When it was closed before its day, or null. */
      closedAt: instant.nullable(),
      open: z.boolean(),
      /** How many were asked and how many answered; never who. */
      invited: count,
      answered: count,
      /** Fewer answers than this, and no result is shown. */
      minAnswers: count,
      /** Whom the person chose to let see the result. */
      shared: feedbackShare,
      sharedText: z.string(),
      /**
       * True when the result exists but is left out: HR made this export, and only the person reads
       * the result (the person gets it by exporting their data themselves).
       */
      withheld: z.boolean(),
      /** Null while the round is open, when too few answered, or when withheld (see resultText). */
      result: z
        .strictObject({
          answered: count,
          statements: z.array(
            z.strictObject({
              key: z.string(),
              /** The statement in words. */
              statement: z.string(),
              average: z.number(),
              /** How many answered 1, 2, 3, 4 and 5. */
              counts: z.array(count).length(5),
            }),
          ),
          /** The free texts, without names, in random order. */
          texts: z.array(z.string()),
        })
        .nullable(),
      /** Why there is no result, in words; null when there is one. */
      resultText: z.string().nullable(),
    }),
  ),
  asked: z.array(
    z.strictObject({
      roundId: z.uuid(),
      /** The leader the round was about, by name. */
      leader: z.string(),
      /** How the person was asked: as one the leader leads, or as a leader beside them. */
      relation: z.enum(['report', 'peer']),
      relationText: z.string(),
      closesOn: day,
      closedAt: instant.nullable(),
      open: z.boolean(),
      /** Whether the person answered; what they answered is stored without them and is not here. */
      answered: z.boolean(),
    }),
  ),
});

export const innsynAudit = z.strictObject({
  /** Readable: when, who (by name), what, about which conversation. */
  events: z.array(
    z.strictObject({
      at: instant,
      by: z.string(),
      action: z.string(),
      what: z.string(),
      about: z.string(),
    }),
  ),
  /** The same events as the audit log stores them, with their place in its hash chain. */
  raw: z.array(
    z.strictObject({
      seq: z.number().int(),
      tid: z.string(),
      at: instant,
      actorOid: z.string(),
      action: z.string(),
      subject: z.string(),
      data: jsonValue,
      prevHash: z.string(),
      hash: z.string(),
    }),
  ),
});

export type InnsynManifest = z.input<typeof innsynManifest>;
export type InnsynConversations = z.input<typeof innsynConversations>;
export type InnsynConversation = InnsynConversations['conversations'][number];
export type InnsynPreparation = z.input<typeof innsynPreparation>;
export type InnsynItems = z.input<typeof innsynItems>;
export type InnsynRow = z.input<typeof row>;
export type InnsynReminders = z.input<typeof innsynReminders>;
export type InnsynAudit = z.input<typeof innsynAudit>;
export type InnsynFeedback = z.input<typeof innsynFeedback>;
