import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../src/domain/canonical-json.ts';
import type { Conversation } from '../../../src/domain/conversation.ts';
import type { Answer } from '../../../src/domain/answers.ts';
import {
  carryOverAnswers,
  contentHash,
  recordHash,
  sharedRecord,
  splitRecord,
} from '../../../src/domain/record.ts';
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
  scheduledTime: null,
  durationMinutes: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  cancelledFrom: null,
  salarySalt: null,
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

describe('the record hash confirms no guess about Punkt 4 (salted salary part)', () => {
  const kontrakt = builtInTemplate('kontraktsamtale')!;
  const c: Conversation = { ...conversation, templateKey: kontrakt.key, templateVersion: kontrakt.version };
  const SALARY = ['p4-oppsummerte-kommentarer', 'p4-lederens-forventning', 'p4-arbeidsgivers-vurdering'];
  // The outside test's dictionary: six plausible phrasings for each of the three fields (216 tries).
  const phrasings = [
    'Ingen endring',
    'Lønnsøkning på 2 %',
    'Lønnsøkning på 3 %',
    'Lønnsøkning på 4 %',
    'Kompensasjon for økt ansvar',
    'Vurderes ved neste oppgjør',
  ];
  const truth = ['Lønnsøkning på 3 %', 'Kompensasjon for økt ansvar', 'Vurderes ved neste oppgjør'];
  const open = [answer('p1-hovedmal-1', 'shared', 'Målene for 2026 er nådd.')];
  const withSalary = (values: string[]) => [
    ...open,
    ...SALARY.map((id, i) => answer(id, 'shared', values[i] ?? '')),
  ];
  const salt = 'a3'.repeat(32);
  const signed = recordHash(kontrakt, sharedRecord(c, kontrakt, withSalary(truth), []), salt);
  const guesses = phrasings.flatMap((a) => phrasings.flatMap((b) => phrasings.map((d) => [a, b, d])));

  it('a dictionary attack by someone who sees everything but Punkt 4 and its salt recovers nothing', () => {
    expect(guesses).toHaveLength(216);
    // What HR without the salary role can compute for each guess: the plain hash of the whole record,
    // or the two-part hash with any salt it could guess (none, empty, the conversation id).
    const tries = guesses.flatMap((g) => {
      const record = sharedRecord(c, kontrakt, withSalary(g), []);
      return [
        contentHash(record),
        ...[null, '', c.id].map((s) =>
          s === null ? recordHash(kontrakt, record, null) : recordHash(kontrakt, record, s),
        ),
      ];
    });
    expect(tries.filter((h) => h === signed)).toEqual([]);
  });

  it('with the salt (readers of Punkt 4), the same record gives the same hash, and any change another', () => {
    const hits = guesses.filter(
      (g) => recordHash(kontrakt, sharedRecord(c, kontrakt, withSalary(g), []), salt) === signed,
    );
    expect(hits).toEqual([truth]);
  });

  it('still binds the open part: a changed Punkt 1 changes the signed hash', () => {
    const changed = [
      answer('p1-hovedmal-1', 'shared', 'Målene for 2026 er delvis nådd.'),
      ...withSalary(truth).slice(1),
    ];
    expect(recordHash(kontrakt, sharedRecord(c, kontrakt, changed, []), salt)).not.toBe(signed);
  });

  it('the open part (what HR without the salary role reads) holds no salary text', () => {
    const { open: visible } = splitRecord(kontrakt, sharedRecord(c, kontrakt, withSalary(truth), []));
    for (const t of truth) expect(JSON.stringify(visible)).not.toContain(t);
  });
});
