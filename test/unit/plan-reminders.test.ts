// The unit plans' reminders as pure rules: when a quarter's report is asked for, and who hears of a plan.
import { describe, expect, it } from 'vitest';
import {
  duePlanMessages,
  duePlanNotices,
  reportPeriodFor,
  reportWindows,
} from '../../src/domain/plan-reminders.ts';

const holidays = new Set(['2027-12-24', '2027-12-27', '2028-01-01']);

describe('unit plan reminders', () => {
  it('asks for a quarter in its last five working days and until ten working days after it', () => {
    const [q1, , , q4] = reportWindows(2027, 'quarter', holidays);
    expect(q1).toMatchObject({ period: '2027-Q1', opens: '2027-03-25', deadline: '2027-04-14' });
    // The last quarter runs into January: holidays and weekends are skipped both ways.
    expect(q4).toMatchObject({ period: '2027-Q4', opens: '2027-12-23', deadline: '2028-01-14' });
    expect(reportWindows(2027, 'tertial', holidays).map((w) => w.period)).toEqual([
      '2027-T1',
      '2027-T2',
      '2027-T3',
    ]);
  });

  it('asks only the owners whose goal is not reported, and tells the leader when all are in', () => {
    const goal = (goalId: string, ownerOid: string, reported: string[]) => ({
      tid: 't',
      planId: 'p',
      year: 2027,
      unit: 'Oppvekst',
      leaderOid: 'ola',
      goalId,
      ownerOid,
      ownerName: ownerOid,
      reported,
    });
    const before = duePlanMessages(
      [goal('g1', 'per', []), goal('g2', 'silje', ['2027-Q1'])],
      '2027-03-26',
      'quarter',
      holidays,
    );
    expect(before.map((m) => [m.kind, m.recipientOid])).toEqual([['plan-follow-up', 'per']]);
    const done = duePlanMessages(
      [goal('g1', 'per', ['2027-Q1']), goal('g2', 'silje', ['2027-Q1'])],
      '2027-03-26',
      'quarter',
      holidays,
    );
    expect(done.map((m) => [m.kind, m.recipientOid, m.missing])).toEqual([['plan-summary', 'ola', []]]);
    // Nothing outside a window.
    expect(duePlanMessages([goal('g1', 'per', [])], '2027-02-15', 'quarter', holidays)).toEqual([]);
  });

  it('invites the unit while its plan is open for input, and sends the year report to the unit and the leaders above', () => {
    const plan = {
      tid: 't',
      planId: 'p',
      year: 2027,
      unit: 'Oppvekst',
      members: ['per', 'silje'],
      above: ['kari'],
    };
    expect(duePlanNotices([{ ...plan, status: 'input' }]).map((m) => [m.kind, m.recipientOid])).toEqual([
      ['plan-input', 'per'],
      ['plan-input', 'silje'],
    ]);
    expect(duePlanNotices([{ ...plan, status: 'closed' }]).map((m) => m.key)).toEqual([
      'plan-report:p:per',
      'plan-report:p:silje',
      'plan-report:p:kari',
    ]);
  });

  it('a report counts for the period whose window is open, else the running one; last year only until its deadline', () => {
    expect(reportPeriodFor(2027, '2026-11-24', 'quarter', holidays)).toBe('2027-Q1');
    expect(reportPeriodFor(2027, '2027-02-15', 'quarter', holidays)).toBe('2027-Q1');
    expect(reportPeriodFor(2027, '2027-04-09', 'quarter', holidays)).toBe('2027-Q1');
    expect(reportPeriodFor(2027, '2027-04-20', 'quarter', holidays)).toBe('2027-Q2');
    expect(reportPeriodFor(2027, '2028-01-10', 'quarter', holidays)).toBe('2027-Q4');
    expect(reportPeriodFor(2027, '2028-02-01', 'quarter', holidays)).toBeNull();
    expect(reportPeriodFor(2027, '2027-05-02', 'tertial', holidays)).toBe('2027-T1');
  });
});
