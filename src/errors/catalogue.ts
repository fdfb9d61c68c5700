// The one catalogue of error codes: HTTP status and a message in bokmål and English.
export const catalogue = {
  VALIDATION_FAILED: {
    status: 400,
    nb: 'Ugyldige data i forespørselen.',
    en: 'The request contains invalid data.',
  },
  INVALID_JSON: {
    status: 400,
    nb: 'Forespørselen er ikke gyldig JSON.',
    en: 'The request body is not valid JSON.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    nb: 'Innholdet må sendes som application/json.',
    en: 'The body must be sent as application/json.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, nb: 'Forespørselen er for stor.', en: 'The request is too large.' },
  UNAUTHENTICATED: { status: 401, nb: 'Du må logge inn.', en: 'You must sign in.' },
  TOKEN_INVALID: {
    status: 401,
    nb: 'Innloggingen er ugyldig eller utløpt.',
    en: 'The sign-in token is invalid or expired.',
  },
  FORBIDDEN: { status: 403, nb: 'Du har ikke tilgang til dette.', en: 'You do not have access to this.' },
  NOT_FOUND: { status: 404, nb: 'Fant ikke det du ba om.', en: 'The requested resource was not found.' },
  ROUTE_NOT_FOUND: { status: 404, nb: 'Ukjent adresse.', en: 'Unknown endpoint.' },
  DEV_LOGIN_DISABLED: {
    status: 404,
    nb: 'Demo-innlogging finnes bare i lokal modus.',
    en: 'Demo sign-in exists only in local mode.',
  },
  USER_NOT_FOUND: { status: 404, nb: 'Fant ikke brukeren.', en: 'User not found.' },
  TEMPLATE_NOT_FOUND: { status: 404, nb: 'Fant ikke malen.', en: 'Template not found.' },
  TEMPLATE_NOT_A_CONVERSATION: {
    status: 400,
    nb: 'Denne malen brukes ikke til samtaler mellom to parter.',
    en: 'This template is not a two-party conversation.',
  },
  TEMPLATE_CORE_REMOVED: {
    status: 422,
    nb: 'Malens grunnpreg kan ikke endres: kjernedeler kan ikke fjernes eller endres.',
    en: 'The template’s basic character cannot change: core parts cannot be removed or altered.',
  },
  CONVERSATION_NOT_FOUND: { status: 404, nb: 'Fant ikke samtalen.', en: 'Conversation not found.' },
  CONVERSATION_EXISTS: {
    status: 409,
    nb: 'Det finnes allerede en samtale av denne typen for perioden.',
    en: 'A conversation of this type already exists for the period.',
  },
  NOT_DIRECT_REPORT: {
    status: 403,
    nb: 'Du kan bare planlegge samtaler med egne medarbeidere.',
    en: 'You can only plan conversations with your own direct reports.',
  },
  FIELD_NOT_FOUND: {
    status: 404,
    nb: 'Feltet finnes ikke i malen.',
    en: 'The field does not exist in the template.',
  },
  FIELD_NOT_WRITABLE: {
    status: 403,
    nb: 'Du kan ikke skrive i dette feltet.',
    en: 'You cannot write this field.',
  },
  FIELD_READ_ONLY: {
    status: 400,
    nb: 'Feltet fylles ut automatisk og kan ikke endres.',
    en: 'This field is filled in automatically and cannot be edited.',
  },
  FIELD_USES_ITEMS: {
    status: 400,
    nb: 'Feltet består av rader; bruk tiltaksradene.',
    en: 'This field holds rows; use the action items resource.',
  },
  ANSWER_INVALID: {
    status: 400,
    nb: 'Svaret passer ikke til feltet.',
    en: 'The answer does not fit the field.',
  },
  VERSION_CONFLICT: {
    status: 409,
    nb: 'Noen andre har endret dette i mellomtiden. Se gjeldende tekst.',
    en: 'Someone else changed this in the meantime. See the current text.',
  },
  RECORD_LOCKED: { status: 409, nb: 'Referatet er signert og låst.', en: 'The record is signed and locked.' },
  STATE_FORBIDS_WRITE: {
    status: 409,
    nb: 'Samtalen er ikke i en fase der dette kan endres.',
    en: 'The conversation is not at a stage where this can be changed.',
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    nb: 'Denne overgangen er ikke tillatt nå.',
    en: 'This transition is not allowed now.',
  },
  NOTHING_TO_SHARE: {
    status: 409,
    nb: 'Det finnes ingen forberedelse å dele.',
    en: 'There is no preparation to share.',
  },
  NOT_READY_TO_SIGN: {
    status: 409,
    nb: 'Referatet er ikke sendt til signering.',
    en: 'The record has not been sent for signing.',
  },
  ALREADY_SIGNED: {
    status: 409,
    nb: 'Du har allerede signert denne versjonen.',
    en: 'You have already signed this version.',
  },
  SIGNED_CONTENT_CHANGED: {
    status: 409,
    nb: 'Referatet er endret siden du så det. Les det igjen før du signerer.',
    en: 'The record changed since you saw it. Read it again before signing.',
  },
  ITEM_NOT_FOUND: { status: 404, nb: 'Fant ikke tiltaket.', en: 'Action item not found.' },
  FOLLOW_UP_NOT_OPEN: {
    status: 409,
    nb: 'Oppfølging registreres først når referatet er signert.',
    en: 'Follow-up is recorded only once the record is signed.',
  },
  INTERNAL: {
    status: 500,
    nb: 'Noe gikk galt hos oss. Prøv igjen.',
    en: 'Something went wrong on our side. Please try again.',
  },
} as const satisfies Record<string, { status: number; nb: string; en: string }>;

export type ErrorCode = keyof typeof catalogue;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, details?: Record<string, unknown>) {
    super(catalogue[code].en);
    this.code = code;
    this.status = catalogue[code].status;
    this.details = details;
  }
}

export type Locale = 'nb' | 'en';

export function errorBody(code: ErrorCode, locale: Locale, details?: Record<string, unknown>) {
  const entry = catalogue[code];
  return {
    error: {
      code,
      message: entry[locale],
      messages: { nb: entry.nb, en: entry.en },
      ...(details ? { details } : {}),
    },
  };
}
