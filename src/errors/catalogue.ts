// The one catalogue of error codes: each code's HTTP status. Its words, in every language, are in
// src/contract/words. No Node imports: the tab reads the codes too.
import { fill } from '../contract/words/format.ts';
import { WORDS, type Locale } from '../contract/words/index.ts';

export const catalogue = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  BAD_ENCODING: 400,
  BAD_PATH: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  DEV_LOGIN_DISABLED: 404,
  USER_NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
  HR_ROUND_NOT_FOUND: 404,
  HR_ROUND_INVALID: 422,
  HOLD_INVALID: 422,
  RECORD_BEING_DISPOSED: 409,
  FEEDBACK_NOT_AVAILABLE: 400,
  FEEDBACK_EXISTS: 409,
  FEEDBACK_CONVERSATION_HELD: 409,
  FEEDBACK_TOO_FEW_ASKED: 422,
  FEEDBACK_CLOSES_OUTSIDE: 422,
  FEEDBACK_RESPONDENT_NOT_ALLOWED: 422,
  FEEDBACK_NOT_FOUND: 404,
  FEEDBACK_TOO_FEW: 409,
  FEEDBACK_NO_RESULT: 409,
  TEMPLATE_NOT_A_CONVERSATION: 400,
  TEMPLATE_CORE_REMOVED: 422,
  CONVERSATION_NOT_FOUND: 404,
  CONVERSATION_EXISTS: 409,
  NOT_DIRECT_REPORT: 403,
  FIELD_NOT_FOUND: 404,
  FIELD_NOT_WRITABLE: 403,
  FIELD_USES_ITEMS: 400,
  ANSWER_INVALID: 400,
  TEXT_INVALID_CHARACTERS: 400,
  TEXT_NOT_PRINTABLE: 422,
  TEXT_TOO_LONG: 422,
  TOO_MANY_ITEMS: 422,
  ITEM_OWNER_NOT_PARTY: 422,
  TEMPLATE_PREFILL_FORBIDDEN: 422,
  VERSION_CONFLICT: 409,
  RECORD_LOCKED: 409,
  RECORD_AWAITING_SIGNATURES: 409,
  STATE_FORBIDS_WRITE: 409,
  ILLEGAL_TRANSITION: 409,
  NOTHING_TO_SHARE: 409,
  NOT_READY_TO_SIGN: 409,
  ALREADY_SIGNED: 409,
  SIGNED_CONTENT_CHANGED: 409,
  ITEM_NOT_FOUND: 404,
  FOLLOW_UP_NOT_OPEN: 409,
  PLAN_NOT_FOUND: 404,
  PLAN_EXISTS: 409,
  UNIT_NOT_FOUND: 404,
  PLAN_STATE_FORBIDS: 409,
  PLAN_NOT_READY: 409,
  GOAL_NOT_FOUND: 404,
  GOAL_OWNER_NOT_MEMBER: 422,
  GOAL_LINK_INVALID: 422,
  FIELD_NOT_LINKABLE: 422,
  PLAN_COPY_NOT_FOUND: 404,
  ROUND_NOT_FOUND: 404,
  ROUND_EXISTS: 409,
  ROUND_NOT_READY: 409,
  ROUND_STATE_FORBIDS: 409,
  SCORE_INVALID: 422,
  ASSESSOR_UNKNOWN: 422,
  FINDING_NOT_FOUND: 422,
  NO_OPEN_TOP_PLAN: 409,
  CONTRIBUTION_NOT_FOUND: 404,
  CONTRIBUTION_ANSWERED: 409,
  MEETING_NEEDS_TIME: 422,
  MEETING_NOT_OFFERED: 409,
  MEETING_CONSENT_REQUIRED: 403,
  MEETING_CALENDAR_UNAVAILABLE: 503,
  MEETING_NOT_FOUND: 409,
  ARCHIVE_COPY_DAMAGED: 500,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof catalogue;
export const ERROR_CODES = Object.keys(catalogue) as [ErrorCode, ...ErrorCode[]];

/** The details a message may name ({characters}): their plain text values. */
// Details fill a message's {names}: text as it is, whole numbers (a maximum, a count) as digits.
const wordsIn = (details: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(details ?? {}).flatMap(([k, v]): [string, string][] =>
      typeof v === 'string' ? [[k, v]] : Number.isInteger(v) ? [[k, String(v)]] : [],
    ),
  );

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, details?: Record<string, unknown>) {
    super(WORDS.en.errors[code]);
    this.code = code;
    this.status = catalogue[code];
    this.details = details;
  }
  /** The message in a reader's language. */
  messageIn(locale: Locale): string {
    return fill(WORDS[locale].errors[this.code], wordsIn(this.details));
  }
}

export function errorBody(code: ErrorCode, locale: Locale, details?: Record<string, unknown>) {
  const messages = Object.fromEntries(
    Object.entries(WORDS).map(([l, words]) => [l, fill(words.errors[code], wordsIn(details))]),
  ) as Record<Locale, string>;
  return {
    error: {
      code,
      message: messages[locale],
      messages,
      ...(details ? { details } : {}),
    },
  };
}

export type { Locale };
