// Brings a new conversation to any stage the way its parties would: through the API, so every step
// runs the real use cases and their rules. Written once for every test and bench; a step that the
// server refuses stops the set-up with the server's own answer.
import type { ResponseOf } from '../../src/contract/endpoints.ts';
import { PATHS, pathOf, type OperationId } from '../../src/contract/paths.ts';
import type { Status, Transition } from '../../src/domain/conversation.ts';
import { DEMO } from '../../src/seed/demo-organisation.ts';
import type { Client } from './harness.ts';

/** Who acts: a signed-in API client for a demo user (in-process TestApp.as, or callerFor(url)). */
export type Caller = (userId: string) => Promise<Client>;

export interface Setup {
  leader?: string;
  employee?: string;
  templateKey?: string;
  /** Each conversation of a type needs its own period per pair; tests pass a fresh one. */
  period?: string;
  scheduledAt?: string;
  /** Private preparation, written by its author while the conversation is being prepared. */
  preparation?: { by: string; fieldId: string; value: unknown }[];
  /** Shared record fields, written once the conversation is held (by the leader unless named). */
  record?: { by?: string; fieldId: string; value: unknown }[];
  /** Action-plan rows or development goals, added by the leader once held. */
  items?: { fieldId: string; cells: Record<string, string | null> }[];
}

export interface Made {
  id: string;
  items: ResponseOf<'addActionItem'>[];
  /** The conversation as its leader sees it at the stage reached. */
  view: ResponseOf<'getConversation'>;
}

/** The path of an operation, its parameters filled in. */
export function path(operation: OperationId, params: Record<string, string> = {}, query = ''): string {
  return pathOf(PATHS[operation][1], params) + (query ? `?${query}` : '');
}

async function step<T>(what: string, reply: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await reply;
  if (r.status >= 300)
    throw new Error(`set-up step "${what}" answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

const ORDER: Status[] = ['planned', 'preparing', 'held', 'awaiting_signatures', 'signed', 'archived'];

export async function conversationAt(as: Caller, stage: Status, setup: Setup = {}): Promise<Made> {
  const leaderOid = setup.leader ?? DEMO.ola;
  const employeeOid = setup.employee ?? DEMO.per;
  const leader = await as(leaderOid);
  const reach = (s: Status) => ORDER.indexOf(stage) >= ORDER.indexOf(s);
  const move = (id: string, transition: Transition) =>
    step(transition, leader('POST', path('transitionConversation', { id }), { transition }));

  const { id } = await step(
    'plan',
    leader<ResponseOf<'planConversation'>>('POST', path('planConversation'), {
      templateKey: setup.templateKey ?? 'medarbeidersamtale-10-faktor',
      employeeOid,
      ...(setup.period ? { period: setup.period } : {}),
      ...(setup.scheduledAt ? { scheduledAt: setup.scheduledAt } : {}),
    }),
  );
  const items: Made['items'] = [];
  if (stage === 'cancelled') {
    await move(id, 'cancel');
  } else if (reach('preparing')) {
    await move(id, 'open-preparation');
    for (const p of setup.preparation ?? [])
      await step(
        `prepare ${p.fieldId}`,
        (await as(p.by))('PUT', path('saveAnswer', { id, fieldId: p.fieldId }), {
          value: p.value,
          baseVersion: 0,
        }),
      );
    if (reach('held')) {
      await move(id, 'hold');
      for (const r of setup.record ?? [])
        await step(
          `write ${r.fieldId}`,
          (await as(r.by ?? leaderOid))('PUT', path('saveAnswer', { id, fieldId: r.fieldId }), {
            value: r.value,
            baseVersion: 0,
          }),
        );
      for (const item of setup.items ?? [])
        items.push(
          await step(
            `add a row to ${item.fieldId}`,
            leader<ResponseOf<'addActionItem'>>('POST', path('addActionItem', { id }), item),
          ),
        );
    }
    if (reach('awaiting_signatures')) await move(id, 'send-to-signing');
    if (reach('signed')) {
      const { contentHash } = await step(
        'read',
        leader<Made['view']>('GET', path('getConversation', { id })),
      );
      for (const who of [leaderOid, employeeOid])
        await step('sign', (await as(who))('POST', path('signRecord', { id }), { contentHash }));
    }
  }
  const read = () => step('read', leader<Made['view']>('GET', path('getConversation', { id })));
  let view = await read();
  // Archiving is the background job's: it takes the signed record within seconds.
  for (
    const end = Date.now() + 60_000;
    stage === 'archived' && view.status !== 'archived';
    view = await read()
  ) {
    if (Date.now() > end) throw new Error(`conversation ${id} was not archived within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (view.status !== stage && !(stage === 'signed' && view.status === 'archived'))
    throw new Error(`conversation ${id} reached ${view.status}, not ${stage}`);
  return { id, items, view };
}

/**
 * A caller for a Samtale in another process: each demo user signs in once through the demo login.
 * Pass the tokens of an earlier caller to reuse them (a restarted server must still accept them).
 */
export function callerFor(url: string, tokens = new Map<string, string>()): Caller {
  return async (userId) => {
    let token = tokens.get(userId);
    if (!token) {
      const res = await fetch(url + path('devLogin'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId }),
      });
      if (!res.ok) throw new Error(`demo sign-in for ${userId}: ${res.status}`);
      token = ((await res.json()) as { token: string }).token;
      tokens.set(userId, token);
    }
    const bearer = token;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the reply's shape, as Client does
    const client: Client = async <T>(method: string, p: string, body?: unknown) => {
      const res = await fetch(url + p, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
    };
    return client;
  };
}
