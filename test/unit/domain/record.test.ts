import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../src/domain/canonical-json.ts';
import type { Conversation } from '../../../src/domain/conversation.ts';
import type { Answer } from '../../../src/domain/answers.ts';
import { carryOverAnswers, contentHash, sharedRecord } from '../../../src/domain/record.ts';
import { fullySigned, type Signature } from '../../../src/domain/signatures.ts';
import { builtInTemplate } from '../../../src/domain/templates/registry.ts';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], A: {} })).toBe('{"A":{},"a":[true,null,"x"],"b":1}');
    // RFC 8785 §3.2.3: "\u20ac" (€) sorts after "\r" and "1", and U+1F600's surrogates after U+FB33.
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '1': 3, '\ud83d\ude00': 4, '\ufb33': 5 })).toBe(
      '{"\\r":2,"1":3,"\u20ac":1,"\ud83d\ude00":4,"\ufb33":5}',
    );
  });

  it('writes numbers the ECMAScript way', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333, 4.5])).toBe(
      '[1e+21,1e-7,0,0.30000000000000004,333333333.3333333,4.5]',
    );
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });

  it('is independent of key order, so equal records hash equally', () => {
    expect(sha256Hex(canonicalJson({ x: 1, y: { b: 2, a: 1 } }))).toBe(
      sha256Hex(canonicalJson({ y: { a: 1, b: 2 }, x: 1 })),
    );
  });
});

const template = builtInTemplate('medarbeidersamtale-10-faktor')!;
const conversation: Conversation = {
  id: '11111111-1111-4111-8111-111111111111',
  tid: 't',
  templateKey: template.key,
  templateVersion: template.version,
  period: '2026',
  status: 'held',
  leaderOid: 'leader',
  employeeOid: 'employee',
  unitId: null,
  scheduledAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  cancelledFrom: null,
  reopened: null,
};
const answer = (fieldId: string, slot: Answer['slot'], value: Answer['value']): Answer => ({
  fieldId,
  slot,
  value,
  version: 1,
  updatedBy: 'x',
  updatedAt: '2026-01-01T00:00:00.000Z',
  sharedAt: null,
});

describe('the signed record', () => {
  const base = [answer('struktur-1', 'shared', 'Et godt år')];
  const hash = contentHash(sharedRecord(conversation, template, base, []));

  it('changes hash when a shared answer changes', () => {
    expect(
      contentHash(sharedRecord(conversation, template, [answer('struktur-1', 'shared', 'Et godt år!')], [])),
    ).not.toBe(hash);
  });

  it('never contains private preparation, shared or not', () => {
    const withPrivate = [
      ...base,
      { ...answer('faktor-1-refleksjon', 'employee', 'privat tanke'), sharedAt: '2026-01-02T00:00:00.000Z' },
    ];
    const record = sharedRecord(conversation, template, withPrivate, []);
    expect(JSON.stringify(record)).not.toContain('privat tanke');
    expect(contentHash(record)).toBe(hash);
  });

  it('is fully signed only when both parties signed the current hash', () => {
    const sig = (party: Signature['party'], h: string): Signature => ({
      party,
      tid: 't',
      oid: party,
      name: party,
      upn: party,
      signedAt: '2026-01-01T00:00:00.000Z',
      contentHash: h,
    });
    expect(fullySigned([sig('leader', hash)], hash)).toBe(false);
    expect(fullySigned([sig('leader', hash), sig('employee', hash)], hash)).toBe(true);
    expect(fullySigned([sig('leader', 'sha256:old'), sig('employee', hash)], hash)).toBe(false);
  });
});

describe('carry-over', () => {
  it('prefills kontraktsamtale Punkt 1 from last year’s Punkt 3, field by field', () => {
    const k = builtInTemplate('kontraktsamtale')!;
    const prev = [
      answer('p3-hovedmal-1', 'shared', 'Mål A'),
      answer('p3-fellesforinger', 'shared', 'Føring B'),
      answer('p1-hovedmal-1', 'shared', 'gammel vurdering'),
      answer('p3-hovedmal-2', 'shared', ''),
    ];
    expect(carryOverAnswers(k, prev)).toEqual([
      { fieldId: 'p1-hovedmal-1', value: 'Mål A' },
      { fieldId: 'p1-fellesforinger', value: 'Føring B' },
    ]);
  });
});
