// OpenAPI 3.1, generated from the contract: the same zod schemas validate requests, describe answers
// and type the tab. Served at /api/openapi.json; `npm test` lints it with Redocly's rules.
import { z } from 'zod';
import { TAGS, type Endpoint } from '../contract/endpoints.ts';
import { errorView } from '../contract/views.ts';
import { catalogue, type ErrorCode } from '../errors/catalogue.ts';

type Schema = z.ZodType;

function jsonSchema(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parameters(schema: Schema | undefined, where: 'path' | 'query') {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, Schema>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || !s.safeParse(undefined).success,
    schema: jsonSchema(s, 'input'),
  }));
}

/** The errors an operation may answer with: its own, and those of its kind of input and sign-in. */
function errorsOf(e: Endpoint): ErrorCode[] {
  const codes = new Set<ErrorCode>(['VALIDATION_FAILED', 'TEXT_INVALID_CHARACTERS', ...e.errors]);
  if ('body' in e) codes.add('TEXT_NOT_PRINTABLE');
  if (e.auth === 'user') ['UNAUTHENTICATED', 'TOKEN_INVALID'].forEach((c) => codes.add(c as ErrorCode));
  if ('body' in e)
    ['INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'].forEach((c) => codes.add(c as ErrorCode));
  return [...codes];
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };

function errorResponses(e: Endpoint): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorsOf(e))
    byStatus.set(catalogue[code], [...(byStatus.get(catalogue[code]) ?? []), code]);
  const responses: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `Error, with code ${codes.join(', ')}`,
      content: { 'application/json': { schema: ERROR_REF } },
    };
  }
  return responses;
}

function success(e: Endpoint): Record<string, unknown> {
  const status = String('status' in e ? e.status : 200);
  if ('stream' in e.response) {
    return {
      [status]: {
        description:
          'Server-sent events: `changed` (data: when, as JSON) each time the conversation changes for you',
        content: { [e.response.stream]: { schema: { type: 'string' } } },
      },
    };
  }
  if ('file' in e.response) {
    return {
      [status]: {
        description: 'The file',
        content: { [e.response.file]: { schema: { type: 'string', contentMediaType: e.response.file } } },
      },
    };
  }
  return {
    [status]: {
      description: 'Success',
      content: { 'application/json': { schema: jsonSchema(e.response, 'output') } },
    },
  };
}

const SECURITY = { user: [{ bearer: [] }], public: [], bot: [{ botFramework: [] }] } as const;

export function openApiDocument(
  endpoints: readonly Endpoint[],
  info: { title: string; version: string; serverUrl: string },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = e.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][e.method] = {
      operationId: e.operationId,
      summary: e.summary,
      tags: [e.tag],
      security: SECURITY[e.auth],
      parameters: [
        ...parameters('params' in e ? e.params : undefined, 'path'),
        ...parameters('query' in e ? e.query : undefined, 'query'),
      ],
      ...('body' in e
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(e.body, 'input') } },
            },
          }
        : {}),
      responses: {
        ...success(e),
        ...errorResponses(e),
        default: {
          description: 'Unexpected error (code INTERNAL)',
          content: { 'application/json': { schema: ERROR_REF } },
        },
      },
    };
  }
  const used = new Set(endpoints.map((e) => e.tag));
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description:
        'Samtale: yearly and quarterly conversations between leaders and the people they lead, in Microsoft Teams. Every error has one shape, with a code from the catalogue and its message in bokmål and English.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: info.serverUrl, description: 'This Samtale' }],
    tags: Object.entries(TAGS)
      .filter(([name]) => used.has(name as Endpoint['tag']))
      .map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Teams SSO token for this app (or, in local mode, a demo sign-in token)',
        },
        botFramework: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The Bot Framework channel’s token (Microsoft 365 mode; none in local mode)',
        },
      },
      schemas: { Error: jsonSchema(errorView, 'output') },
    },
  };
}
