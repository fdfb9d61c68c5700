// Every answer the tests receive is checked against the contract: a 2xx against its operation's
// response schema, an error against the one error shape. A view that drifts from its schema fails
// whichever test first meets it.
import { z } from 'zod';
import { endpoints, type Endpoint } from '../../src/contract/endpoints.ts';
import { errorView } from '../../src/contract/views.ts';

const routes = Object.values(endpoints).map((e: Endpoint) => ({
  e,
  pattern: new RegExp(`^${e.path.replace(/:(\w+)/g, '[^/]+')}$`),
}));

export function endpointFor(method: string, path: string): Endpoint | undefined {
  const bare = path.split('?')[0] ?? path;
  return routes.find((r) => r.e.method === method.toLowerCase() && r.pattern.test(bare))?.e;
}

/** Throws, naming the operation and the mismatch, when an answer does not fit the contract. */
export function checkReply(method: string, path: string, status: number, body: unknown): void {
  const e = endpointFor(method, path);
  if (!e || e.operationId === 'postActivity') return;
  const schema =
    status < 300 ? ('file' in e.response || 'stream' in e.response ? null : e.response) : errorView;
  if (!schema || (status >= 300 && typeof body !== 'object')) return;
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new Error(
      `${e.operationId} answered ${status} outside the contract: ${z.prettifyError(result.error)}`,
    );
  }
}
