// The API client. The token comes from Teams SSO or, in local mode, the demo sign-in; it is kept in
// sessionStorage (never form text: answers live only in memory and on the server).
import type { Locale } from './host.ts';

export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: ApiErrorBody | null) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error.code ?? 'NETWORK';
    this.details = body?.error.details;
  }
}

const TOKEN_KEY = 'samtale.token';

export interface Api {
  get<T>(path: string): Promise<T>;
  /** A binary response (an archived PDF), fetched with the same token. */
  blob(path: string): Promise<Blob>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

export function createApi(locale: Locale, getToken: () => Promise<string | null>): Api {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await getToken();
    const res = await fetch(path, {
      method,
      headers: {
        'accept-language': locale,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw new ApiError(res.status, parsed as ApiErrorBody | null);
    return parsed as T;
  }
  async function blob(path: string): Promise<Blob> {
    const token = await getToken();
    const res = await fetch(path, {
      headers: { 'accept-language': locale, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null)) as ApiErrorBody | null);
    return res.blob();
  }
  return { get: (path) => call('GET', path), send: (method, path, body) => call(method, path, body), blob };
}

/** Opens an archived PDF in a new window (fetched with the token; a plain link could not carry it). */
export async function openPdf(api: Api, path: string): Promise<void> {
  const blob = await api.blob(path);
  window.open(URL.createObjectURL(blob), '_blank', 'noopener');
}

export const localToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

// The shapes the API returns (see /api/openapi.json).
export type Status =
  'planned' | 'preparing' | 'held' | 'awaiting_signatures' | 'signed' | 'archived' | 'cancelled';
export interface PersonRef {
  oid: string;
  name: string;
}
export interface StatusView {
  id: string;
  template: { key: string; version: string; name: string; title: string };
  period: string;
  status: Status;
  scheduledAt: string | null;
  parties: { leader: PersonRef; employee: PersonRef };
  nextStep: string;
  waitingOn: PersonRef[];
  you?: 'leader' | 'employee' | null;
}
export interface AnswerView {
  value: unknown;
  version: number;
  updatedBy: string;
  updatedAt: string;
  sharedAt: string | null;
}
export interface Item {
  id: string;
  fieldId: string;
  position: number;
  cells: Record<string, string | null>;
  ownerOid: string | null;
  due: string | null;
  status: 'open' | 'achieved' | 'partly' | 'not_yet';
  statusComment: string | null;
  version: number;
}
export interface FieldView {
  id: string;
  answers: Partial<Record<'shared' | 'leader' | 'employee', AnswerView>>;
  items?: Item[];
  previous?: { period: string; items: Item[] };
}
export interface ConversationView extends StatusView {
  you: 'leader' | 'employee' | null;
  transitions: string[];
  contentHash: string;
  signatures: {
    party: 'leader' | 'employee';
    name: string;
    signedAt: string;
    contentHash: string;
    valid: boolean;
  }[];
  sections: { id: string; fields: FieldView[] }[];
  withheldSections: string[];
}
export interface Me {
  oid: string;
  name: string;
  roles: string[];
  directReports: PersonRef[];
}
