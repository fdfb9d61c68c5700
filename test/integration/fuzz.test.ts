import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer } from '../../src/domain/answers.ts';
import { allFields } from '../../src/domain/templates/model.ts';
import { builtInTemplate } from '../../src/domain/templates/registry.ts';
import { catalogue } from '../../src/errors/catalogue.ts';
import * as S from '../../src/contract/requests.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt } from '../helpers/factory.ts';
import { DEMO, startTestApp, waitForArchiving, type TestApp } from '../helpers/harness.ts';

const TABLES = [
  'conversations',
  'answers',
  'action_items',
  'signatures',
  'audit_events',
  'template_snapshots',
  'template_customisations',
  'users',
  'units',
  'archive_copies',
];
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

for (const backend of await backends()) {
  describe(`bad input never yields a 5xx and stores nothing (${backend.name})`, () => {
    let t: TestApp;
    let conversationId = '';
    let itemId = '';
    const tokens: Record<string, string> = {};

    /** A fingerprint of every table, to prove a refused request changed nothing. */
    const snapshot = async () => {
      const parts: string[] = [];
      for (const table of TABLES) {
        const [row] = await t.app.db.query<{ n: number; h: string }>(
          `select count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${table} x`,
        );
        parts.push(`${table}:${row!.n}:${row!.h}`);
      }
      return parts.join('\n');
    };

    beforeAll(async () => {
      t = await startTestApp(backend);
      // The demo's signed records are archived in the background at start; let that settle first.
      await waitForArchiving(t);
      for (const u of [DEMO.ola, DEMO.per, DEMO.anne]) tokens[u] = await t.token(u);
      const made = await conversationAt(t.as, 'held', {
        period: '2050',
        items: [{ fieldId: 'handlingsplan', cells: { mal: 'x' } }],
      });
      conversationId = made.id;
      itemId = made.items[0]!.id;
    });
    afterAll(() => t.close());

    const endpoints = (): { method: string; path: string; schema: z.ZodType; as: string }[] => [
      { method: 'POST', path: '/api/conversations', schema: S.planBody, as: DEMO.ola },
      {
        method: 'PUT',
        path: `/api/conversations/${conversationId}/answers/struktur-1`,
        schema: S.saveAnswerBody,
        as: DEMO.per,
      },
      {
        method: 'POST',
        path: `/api/conversations/${conversationId}/preparation/share`,
        schema: S.shareBody,
        as: DEMO.per,
      },
      {
        method: 'POST',
        path: `/api/conversations/${conversationId}/transitions`,
        schema: S.transitionBody,
        as: DEMO.ola,
      },
      {
        method: 'POST',
        path: `/api/conversations/${conversationId}/signatures`,
        schema: S.signBody,
        as: DEMO.ola,
      },
      {
        method: 'POST',
        path: `/api/conversations/${conversationId}/items`,
        schema: S.addItemBody,
        as: DEMO.per,
      },
      { method: 'PATCH', path: `/api/items/${itemId}`, schema: S.updateItemBody, as: DEMO.per },
      { method: 'POST', path: `/api/items/${itemId}/follow-up`, schema: S.followUpBody, as: DEMO.per },
      { method: 'PUT', path: '/api/admin/templates/kontraktsamtale', schema: S.customiseBody, as: DEMO.anne },
      { method: 'POST', path: '/api/dev/login', schema: S.devLoginBody, as: DEMO.per },
    ];

    // Any JSON at all, plus near-misses: plausible keys with values of the wrong shape, and unknown keys.
    const keys = fc.constantFrom(
      'value',
      'baseVersion',
      'templateKey',
      'employeeOid',
      'period',
      'scheduledAt',
      'fieldIds',
      'transition',
      'contentHash',
      'fieldId',
      'cells',
      'status',
      'comment',
      'sections',
      'userId',
      'oid',
      '__proto__',
      'constructor',
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(keys, fc.jsonValue(), { maxKeys: 6 }),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
    );

    it('every endpoint refuses bodies its schema rejects: 400 VALIDATION_FAILED, nothing stored', async () => {
      const before = await snapshot();
      for (const e of endpoints()) {
        await fc.assert(
          fc.asyncProperty(
            body.filter((b) => !e.schema.safeParse(b).success),
            async (b) => {
              const res = await t.call(e.method, e.path, { token: tokens[e.as], body: b });
              expect(res.status, `${e.method} ${e.path} ${JSON.stringify(b)}`).toBe(400);
              expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
            },
          ),
          { numRuns: RUNS },
        );
      }
      expect(await snapshot()).toBe(before);
    });

    it('malformed JSON, wrong media types and oversized bodies get catalogue codes', async () => {
      const before = await snapshot();
      const e = endpoints()[1]!;
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1 }).filter((s) => {
            try {
              JSON.parse(s);
              return false;
            } catch {
              return true;
            }
          }),
          async (raw) => {
            const res = await t.call(e.method, e.path, {
              token: tokens[e.as],
              raw,
              headers: { 'content-type': 'application/json' },
            });
            expect(res.status).toBe(400);
            expect(res.body).toMatchObject({ error: { code: 'INVALID_JSON' } });
          },
        ),
        { numRuns: RUNS },
      );
      const text = await t.call(e.method, e.path, {
        token: tokens[e.as],
        raw: 'value=x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(415);
      expect(text.body).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
      const huge = await t.call(e.method, e.path, {
        token: tokens[e.as],
        body: { value: 'x'.repeat(300_000), baseVersion: 0 },
      });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(await snapshot()).toBe(before);
    });

    it('answers that pass the schema but not the field are refused with ANSWER_INVALID', async () => {
      const before = await snapshot();
      const fields = allFields(builtInTemplate('medarbeidersamtale-10-faktor')!).filter(
        (f) =>
          ['rating', 'date', 'text'].includes(f.kind) && f.writer !== 'employee' && f.visibility === 'shared',
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue(), async (field, value) => {
          fc.pre(!checkAnswer(field, value).ok);
          const res = await t.call('PUT', `/api/conversations/${conversationId}/answers/${field.id}`, {
            token: tokens[DEMO.ola],
            body: { value, baseVersion: 0 },
          });
          expect(res.status).toBe(400);
          expect(res.body).toMatchObject({ error: { code: 'ANSWER_INVALID' } });
        }),
        { numRuns: RUNS * 2 },
      );
      expect(await snapshot()).toBe(before);
    });

    it('path and query parameters of every shape give 4xx, never 5xx', async () => {
      const before = await snapshot();
      const segment = fc.oneof(
        // A lone "." is no parameter: URLs drop it as a dot-segment, so /conversations/. is the list.
        fc
          .string({ minLength: 1, maxLength: 80 })
          .filter((s) => s.trim() !== '' && s !== '.' && !/^\d{4}$/.test(s)),
        fc.uuid(),
        fc.constantFrom('..', '%00', '%', 'null', "'; drop table answers; --"),
      );
      await fc.assert(
        fc.asyncProperty(
          segment,
          fc.constantFrom(
            'GET /api/conversations/:x',
            'PUT /api/conversations/:x/answers/struktur-1',
            'DELETE /api/items/:x',
            'GET /api/templates/:x',
            'GET /api/team?period=:x',
            'DELETE /api/items/ITEM?version=:x',
          ),
          async (s, pattern) => {
            const [method, tpl] = pattern.split(' ') as [string, string];
            const path = tpl.replace('ITEM', itemId).replace(':x', encodeURIComponent(s));
            const res = await t.call(method, path, {
              token: tokens[DEMO.ola],
              body: method === 'PUT' ? { value: 'x', baseVersion: 99 } : undefined,
            });
            expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
            expect(res.status, `${method} ${path}`).toBeLessThan(500);
            const code = (res.body as { error?: { code?: string } }).error?.code ?? '';
            expect(Object.keys(catalogue)).toContain(code);
          },
        ),
        { numRuns: RUNS * 2 },
      );
      expect(await snapshot()).toBe(before);
    });
  });
}
