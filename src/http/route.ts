import { z } from 'zod';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A handler may answer with a file instead of JSON. */
export class FileReply {
  readonly bytes: Uint8Array;
  readonly type: string;
  readonly filename: string;
  constructor(bytes: Uint8Array, type: string, filename: string) {
    this.bytes = bytes;
    this.type = type;
    this.filename = filename;
  }
}

export interface HandlerInput<P, Q, B, A = Actor> {
  params: P;
  query: Q;
  body: B;
  actor: A;
}

/** One API operation: its schemas drive both validation and the OpenAPI document. */
export interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** false only for the local demo sign-in and the API description. */
  auth: boolean;
  params?: Schema;
  query?: Schema;
  body?: Schema;
  response?: Schema;
  status: number;
  handle(input: HandlerInput<unknown, unknown, unknown, Actor | null>): Promise<unknown>;
}

export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: {
  method: Route['method'];
  path: string;
  summary: string;
  tag: string;
  auth?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  response?: Schema;
  status?: number;
  handler(input: HandlerInput<Out<P>, Out<Q>, Out<B>>): Promise<unknown>;
}): Route {
  const { handler, auth = true, status = 200, ...rest } = spec;
  return {
    ...rest,
    auth,
    status,
    handle: (input) => {
      const { actor } = input;
      // Public routes (auth: false) never read the actor; every other route has one.
      if (auth && !actor) throw new AppError('UNAUTHENTICATED');
      // The registry parses params, query and body with these very schemas before calling.
      return handler({ ...input, actor: actor as Actor } as HandlerInput<Out<P>, Out<Q>, Out<B>>);
    },
  };
}

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messages: z.object({ nb: z.string(), en: z.string() }),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

function jsonSchema(schema: Schema, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parameters(schema: Schema | undefined, where: 'path' | 'query') {
  if (!schema || !(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, Schema>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || !s.safeParse(undefined).success,
    schema: jsonSchema(s, 'input'),
  }));
}

/** OpenAPI 3.1, generated from the same zod schemas that validate requests. */
export function openApiDocument(routes: readonly Route[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth ? { security: [{ bearer: [] }] } : { security: [] }),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(r.status)]: {
          description: 'Success',
          ...(r.response
            ? { content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
            : {}),
        },
        default: {
          description: 'Error from the catalogue',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(errorSchema, 'output') },
    },
  };
}
