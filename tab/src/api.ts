// The API client, typed by the contract (src/contract): each call names an operation, and its input
// and answer types are inferred from the server's own schemas. The token comes from Teams SSO or, in
// local mode, the demo sign-in; it is kept in sessionStorage (never form text: answers live only in
// memory and on the server).
import type {
  BodyInputOf,
  OperationId,
  ParamsOf,
  QueryInputOf,
  ResponseOf,
} from '../../src/contract/endpoints.ts';
import { PATHS, pathOf } from '../../src/contract/paths.ts';
import type { ErrorView } from '../../src/contract/views.ts';
import type { Locale } from '../../src/contract/words/index.ts';
import type { ErrorCode } from '../../src/errors/catalogue.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: ErrorView | null) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error.code ?? 'NETWORK';
    this.details = body?.error.details;
  }
}

/** What a failed call says to the user: the catalogue's message, or the error's own text. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** No part: an object with nothing that can be set. */
type Nothing = { readonly none?: never };
/**
 * An operation's input: path parameters, query and body, each only where the operation has one.
 * keepalive: the request outlives the page (a save sent while the page is being closed).
 */
export type Input<K extends OperationId> = (ParamsOf<K> extends undefined
  ? Nothing
  : { params: ParamsOf<K> }) &
  (QueryInputOf<K> extends undefined ? Nothing : { query?: QueryInputOf<K> }) &
  (BodyInputOf<K> extends undefined ? Nothing : { body: BodyInputOf<K> }) & { keepalive?: boolean };
/** The input may be left out where nothing in it is required. */
type Args<K extends OperationId> = Nothing extends Input<K> ? [input?: Input<K>] : [input: Input<K>];

/** Operations that answer with JSON, and those that answer with a file. */
type FileOperation = { [K in OperationId]: ResponseOf<K> extends Uint8Array ? K : never }[OperationId];
type StreamOperation = {
  [K in OperationId]: ResponseOf<K> extends ReadableStream<Uint8Array> ? K : never;
}[OperationId];
type JsonOperation = Exclude<OperationId, FileOperation | StreamOperation>;

export interface Api {
  call<K extends JsonOperation>(operation: K, ...args: Args<K>): Promise<ResponseOf<K>>;
  /** A binary answer (an archived PDF), fetched with the same token. */
  file<K extends FileOperation>(operation: K, ...args: Args<K>): Promise<Blob>;
  /** A file to keep (an innsyn ZIP), with the name the server gave it (Content-Disposition). */
  download<K extends FileOperation>(
    operation: K,
    ...args: Args<K>
  ): Promise<{ blob: Blob; filename: string | null }>;
  /** Server-sent events, read with the same token (EventSource cannot send one); ends with the signal. */
  events<K extends StreamOperation>(
    operation: K,
    input: Input<K>,
    onEvent: (event: string, data: string) => void,
    signal: AbortSignal,
  ): Promise<void>;
}

interface Parts {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  keepalive?: boolean;
}

function url(operation: OperationId, parts: Parts): string {
  const path = pathOf(PATHS[operation][1], parts.params);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(parts.query ?? {}))
    if (v !== undefined && v !== '') query.set(k, String(v));
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

export function createApi(locale: Locale, getToken: () => Promise<string | null>): Api {
  async function send(operation: OperationId, parts: Parts, signal?: AbortSignal): Promise<Response> {
    const token = await getToken();
    const res = await fetch(url(operation, parts), {
      ...(parts.keepalive ? { keepalive: true } : {}),
      ...(signal ? { signal } : {}),
      method: PATHS[operation][0].toUpperCase(),
      headers: {
        'accept-language': locale,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(parts.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: parts.body === undefined ? undefined : JSON.stringify(parts.body),
    });
    if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null)) as ErrorView | null);
    return res;
  }
  return {
    async call(operation, ...args) {
      const res = await send(operation, (args[0] ?? {}) as Parts);
      const text = await res.text();
      return (text ? JSON.parse(text) : null) as ResponseOf<typeof operation>;
    },
    async file(operation, ...args) {
      return (await send(operation, (args[0] ?? {}) as Parts)).blob();
    },
    async download(operation, ...args) {
      const res = await send(operation, (args[0] ?? {}) as Parts);
      return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
    },
    async events(operation, input, onEvent, signal) {
      const res = await send(operation, input as Parts, signal);
      const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
      if (!reader) return;
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        // Events end with a blank line; comments (": …") keep the connection alive.
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
          if (event) onEvent(event, data);
        }
      }
    },
  };
}

/** The file name a Content-Disposition header gives: filename* (UTF-8) where it is, else filename. */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      /* the plain name below */
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? null;
}

/** Hands a file to the browser to keep, under a name a person reads. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename.replace(/[\\/:*?"<>|]/g, '-');
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy of the bytes by the time this runs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens an archived PDF in a new window (fetched with the token; a plain link could not carry it). */
export async function openPdf(api: Api, conversationId: string, part: 'record' | 'salary'): Promise<void> {
  showPdf(await api.file('openArchiveCopy', { params: { id: conversationId, part } }));
}

/** Saves an archived copy as a file under a name a person reads (the archive's own name holds a hash). */
export async function downloadPdf(
  api: Api,
  conversationId: string,
  part: 'record' | 'salary',
  filename: string,
): Promise<void> {
  saveFile(await api.file('openArchiveCopy', { params: { id: conversationId, part } }), `${filename}.pdf`);
}

/** Opens a unit plan's archived copy (as adopted, or with its year report) the same way. */
export async function openPlanPdf(api: Api, planId: string, kind: 'adopted' | 'report'): Promise<void> {
  showPdf(await api.file('openPlanCopy', { params: { id: planId, kind } }));
}

/** Opens a finished Kommunekompass round's archived report the same way. */
export async function openKompassReport(api: Api, roundId: string): Promise<void> {
  showPdf(await api.file('openKompassReport', { params: { id: roundId } }));
}

const showPdf = (blob: Blob) => window.open(URL.createObjectURL(blob), '_blank', 'noopener');

const TOKEN_KEY = 'samtale.token';
export const localToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear: () => {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};
