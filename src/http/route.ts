// Binds a handler to an operation of the contract. The handler receives what the contract's request
// schemas parsed, and must return what its response schema describes: a drift is a type error.
import type { BodyOf, Endpoint, OperationId, ParamsOf, QueryOf, ReplyOf } from '../contract/endpoints.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError, type Locale } from '../errors/catalogue.ts';

export interface HandlerInput<P, Q, B, A> {
  params: P;
  query: Q;
  body: B;
  actor: A;
  /**
   * The bearer token the actor was authenticated with, for Graph on their behalf (on-behalf-of); null
   * for public operations. Never taken from a body.
   */
  token: string | null;
  /** The caller's language (Accept-Language), for what an operation writes in words (a file's texts). */
  locale: Locale;
}

type ActorFor<K extends OperationId> = Endpoint<K>['auth'] extends 'user' ? Actor : null;

export type Handler<K extends OperationId> = (
  input: HandlerInput<ParamsOf<K>, QueryOf<K>, BodyOf<K>, ActorFor<K>>,
) => Promise<ReplyOf<K>>;

/** One mounted operation: the registry validates its input with the endpoint's schemas, then calls it. */
export interface Route {
  endpoint: Endpoint;
  handle(input: HandlerInput<unknown, unknown, unknown, Actor | null>): Promise<unknown>;
}

export function route<K extends OperationId>(endpoint: Endpoint<K>, handler: Handler<K>): Route {
  return {
    endpoint,
    handle: (input) => {
      // Public operations never read the actor; every other operation has one.
      if (endpoint.auth === 'user' && !input.actor) throw new AppError('UNAUTHENTICATED');
      // The registry parsed params, query and body with this endpoint's own schemas.
      return handler(input as HandlerInput<ParamsOf<K>, QueryOf<K>, BodyOf<K>, ActorFor<K>>);
    },
  };
}
