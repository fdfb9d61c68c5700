import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../src/contract/endpoints.ts';
import { PATHS } from '../../src/contract/paths.ts';
import { backends } from '../helpers/backends.ts';
import { checkReply } from '../helpers/contract.ts';
import { startTestApp, type TestApp } from '../helpers/harness.ts';

interface Operation {
  operationId: string;
  requestBody?: {
    content: {
      'application/json': {
        schema: { properties?: Record<string, unknown>; required?: string[]; additionalProperties?: boolean };
      };
    };
  };
  parameters: { name: string; in: string }[];
  security: unknown[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string; properties?: object } }> }>;
}
interface Doc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const [pglite] = await backends();

describe('API description (OpenAPI 3.1, generated from the contract)', () => {
  let t: TestApp;
  let doc: Doc;
  let raw: string;
  beforeAll(async () => {
    t = await startTestApp(pglite!);
    const res = await fetch(`${t.url}/api/openapi.json`);
    raw = await res.text();
    doc = JSON.parse(raw) as Doc;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );

  it('lists every operation the server answers, the bot and the health check included, each by its operationId', () => {
    const expected = Object.values(PATHS).map(
      ([m, p]) => `${m.toUpperCase()} ${p.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual(expected.sort());
    for (const { key, op } of operations()) {
      const [method, path] = PATHS[op.operationId as keyof typeof PATHS];
      expect(`${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`, op.operationId).toBe(key);
    }
    expect(doc.servers[0]!.url).toBe(t.url);
  });

  it('describes every answer: each success from its schema, each error with the one error shape', () => {
    for (const { key, op } of operations()) {
      const success = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
      expect(success, key).toHaveLength(1);
      const [, ok] = success[0]!;
      if (key !== 'POST /api/messages') expect(ok.content, key).toBeDefined();
      const errors = Object.entries(op.responses).filter(([s]) => /^[45]/.test(s) || s === 'default');
      expect(
        errors.map(([s]) => s),
        key,
      ).toEqual(expect.arrayContaining(['400', 'default']));
      for (const [, e] of errors)
        expect(e.content!['application/json']!.schema.$ref).toBe('#/components/schemas/Error');
    }
    const conversation =
      doc.paths['/api/conversations/{id}']!.get!.responses['200']!.content!['application/json']!;
    expect(Object.keys(conversation.schema.properties!)).toEqual(
      expect.arrayContaining(['canShare', 'canTransition', 'canSign', 'locked', 'nextStep', 'waitingFor']),
    );
    expect(
      Object.keys(doc.paths['/api/conversations/{id}/archive/{part}']!.get!.responses['200']!.content!),
    ).toEqual(['application/pdf']);
  });

  it('describes request bodies from the same schemas that validate them', () => {
    const save = doc.paths['/api/conversations/{id}/answers/{fieldId}']!.put!;
    const schema = save.requestBody!.content['application/json'].schema;
    expect(Object.keys(schema.properties!).sort()).toEqual(['baseVersion', 'value']);
    expect(schema.required).toEqual(expect.arrayContaining(['baseVersion']));
    expect(schema.additionalProperties).toBe(false);
    expect(save.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'path:fieldId']);
  });

  it('marks which operations need a bearer token, and the bot the channel’s', () => {
    expect(doc.paths['/api/dev/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/me']!.get!.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/messages']!.post!.security).toEqual([{ botFramework: [] }]);
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
  });

  it("passes Redocly's recommended lint with no errors and no warnings", async () => {
    const problems = await lintFromString({
      source: raw,
      absoluteRef: `${t.url}/api/openapi.json`,
      config: await createConfig({ extends: ['recommended'] }),
    });
    expect(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`),
    ).toEqual([]);
  });

  it('every endpoint of the contract is mounted, so the description is the server', () => {
    expect(Object.keys(endpoints).sort()).toEqual(
      operations()
        .map((o) => o.op.operationId)
        .sort(),
    );
  });
});

describe('the contract check every test call goes through', () => {
  it('rejects an answer that does not fit its operation, and an error of another shape', () => {
    expect(() => checkReply('GET', '/api/me', 200, { oid: 'x', name: 'Kari' })).toThrow(/getMe answered 200/);
    expect(() => checkReply('GET', '/api/conversations/x', 404, { error: 'nope' })).toThrow(
      /getConversation/,
    );
    expect(() =>
      checkReply('GET', '/api/config', 200, {
        mode: 'local',
        devLogin: true,
        teamsMeetings: false,
        secret: 'leaked',
      }),
    ).toThrow(/getConfig/);
    expect(() =>
      checkReply('GET', '/api/config', 200, { mode: 'local', devLogin: true, teamsMeetings: false }),
    ).not.toThrow();
  });
});
