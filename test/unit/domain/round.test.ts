import { describe, expect, it } from 'vitest';
import { roundProblem } from '../../../src/domain/round.ts';
import { holdReasonProblem, tombstone } from '../../../src/domain/retention.ts';

describe('HR rounds', () => {
  const ok = {
    period: '2026',
    deadline: '2026-12-15',
    today: '2026-11-24',
    people: ['a', 'b'],
    inUnits: new Set(['a', 'b', 'c']),
  };
  it('a round needs a deadline from today on, in its year or the next, and people of its units', () => {
    expect(roundProblem(ok)).toBeNull();
    expect(roundProblem({ ...ok, deadline: '2026-11-24' })).toBeNull();
    expect(roundProblem({ ...ok, deadline: '2027-02-26' })).toBeNull();
    expect(roundProblem({ ...ok, deadline: '2026-11-23' })).toBe('deadline-passed');
    expect(roundProblem({ ...ok, deadline: '2028-01-10' })).toBe('deadline-outside-period');
    expect(roundProblem({ ...ok, period: '2027', deadline: '2026-12-01' })).toBe('deadline-outside-period');
    expect(roundProblem({ ...ok, people: [] })).toBe('nobody-in-scope');
    expect(roundProblem({ ...ok, people: ['a', 'z'] })).toBe('people-outside-units');
  });
});

describe('retention', () => {
  it('a tombstone keeps what the record was and when, never who or what it said', () => {
    expect(
      tombstone({
        templateKey: 'kontraktsamtale',
        period: '2025',
        archivedAt: '2026-01-10T09:00:00.000Z',
        disposeOn: '2036-01-10',
        parts: ['salary', 'record'],
      }),
    ).toEqual({
      type: 'kontraktsamtale',
      period: '2025',
      archivedAt: '2026-01-10T09:00:00.000Z',
      kassasjonsdato: '2036-01-10',
      parts: 'record,salary',
    });
  });
  it('a hold needs a reason of at most 500 characters', () => {
    expect(holdReasonProblem('  ')).toBe('empty');
    expect(holdReasonProblem('x'.repeat(501))).toBe('too-long');
    expect(holdReasonProblem(' Klagesak ')).toBeNull();
  });
});
