import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { startTestApp, type TestApp } from '../helpers/harness.ts';

interface Doc {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: {
          content: {
            'application/json': {
              schema: {
                properties?: Record<string, unknown>;
                required?: string[];
                additionalProperties?: boolean;
              };
            };
          };
        };
        parameters: { name: string; in: string }[];
        security: unknown[];
      }
    >
  >;
}

const [pglite] = await backends();

describe('API description', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestApp(pglite!);
    doc = (await t.call<Doc>('GET', '/api/openapi.json')).body;
  });
  afterAll(() => t.close());

  it('lists every resource of the API', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(ops.sort()).toEqual(
      [
        'GET /api/me',
        'GET /api/team',
        'GET /api/hr/completion',
        'GET /api/hr/unreachable',
        'GET /api/hr/archive',
        'GET /api/templates',
        'GET /api/templates/{key}',
        'PUT /api/admin/templates/{key}',
        'GET /api/conversations',
        'POST /api/conversations',
        'GET /api/conversations/{id}',
        'GET /api/conversations/{id}/archive/{part}',
        'POST /api/conversations/{id}/preparation/share',
        'POST /api/conversations/{id}/transitions',
        'POST /api/conversations/{id}/signatures',
        'PUT /api/conversations/{id}/answers/{fieldId}',
        'POST /api/conversations/{id}/items',
        'PATCH /api/items/{id}',
        'DELETE /api/items/{id}',
        'POST /api/items/{id}/follow-up',
        'GET /api/config',
        'GET /api/dev/users',
        'POST /api/dev/login',
      ].sort(),
    );
  });

  it('describes request bodies from the same schemas that validate them', () => {
    const save = doc.paths['/api/conversations/{id}/answers/{fieldId}']!.put!;
    const schema = save.requestBody!.content['application/json'].schema;
    expect(Object.keys(schema.properties!).sort()).toEqual(['baseVersion', 'value']);
    expect(schema.required).toEqual(expect.arrayContaining(['baseVersion']));
    expect(schema.additionalProperties).toBe(false);
    expect(save.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'path:fieldId']);
  });

  it('marks which operations need a bearer token', () => {
    expect(doc.paths['/api/dev/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/me']!.get!.security).toEqual([{ bearer: [] }]);
  });
});
