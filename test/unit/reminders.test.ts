import { describe, expect, it } from 'vitest';
import { norwegianHolidays } from '../../src/adapters/calendar/norwegian-holidays.ts';
import {
  DEFAULT_REMINDER_SETTINGS,
  addDays,
  bundleForToday,
  dueMessages,
  followUpPeriod,
  isWorkingDay,
  maySendAt,
  osloTime,
  workingDaysBefore,
  type DueMessage,
  type ReminderState,
} from '../../src/domain/reminders.ts';

const holidays = norwegianHolidays(new Date('2026-06-01T00:00:00Z'));
// The 2026 helligdager that fall on a weekday, from the official calendar (not from the adapter).
const WEEKDAY_HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-04-02',
  '2026-04-03',
  '2026-04-06',
  '2026-05-01',
  '2026-05-14',
  '2026-05-25',
  '2026-12-25',
];

const conv = (
  over: Partial<ReminderState['conversations'][number]> = {},
): ReminderState['conversations'][number] => ({
  id: 'c1',
  tid: 't',
  templateKey: 'medarbeidersamtale-10-faktor',
  status: 'preparing',
  leaderOid: 'leader',
  employeeOid: 'employee',
  scheduledAt: '2026-04-14T08:00:00Z',
  awaitingSince: null,
  signedBy: [],
  ...over,
});
const empty: ReminderState = { conversations: [], openItems: [], unplanned: [] };

/** Runs the scheduler as the server does: a sweep every 10 minutes, skipping the hours it was down. */
function simulate(
  state: (day: string) => ReminderState,
  from: string,
  to: string,
  down: (at: Date) => boolean = () => false,
) {
  const sent: { at: Date; day: string; recipient: string; keys: string[]; messages: DueMessage[] }[] = [];
  const keys = new Set<string>();
  for (
    let at = new Date(`${from}T00:00:00Z`);
    at < new Date(`${to}T23:59:00Z`);
    at = new Date(at.getTime() + 10 * 60_000)
  ) {
    if (down(at) || !maySendAt(at, holidays)) continue;
    const today = osloTime(at).date;
    const messagedToday = new Set(sent.filter((s) => s.day === today).map((s) => s.recipient));
    for (const b of bundleForToday(
      dueMessages(state(today), today, DEFAULT_REMINDER_SETTINGS, holidays),
      keys,
      messagedToday,
      today,
    )) {
      for (const m of b.messages) keys.add(m.key);
      sent.push({
        at,
        day: today,
        recipient: b.recipientOid,
        keys: b.messages.map((m) => m.key),
        messages: b.messages,
      });
    }
  }
  return sent;
}

describe('the reminder schedule (Europe/Oslo)', () => {
  it('knows the Norwegian public holidays, Easter and Pentecost included', () => {
    for (const d of WEEKDAY_HOLIDAYS_2026) expect(isWorkingDay(d, holidays)).toBe(false);
    expect(holidays.has('2026-04-05')).toBe(true); // påskedag
    expect(holidays.has('2026-05-24')).toBe(true); // pinsedag
    expect(holidays.has('2027-03-29')).toBe(true); // 2. påskedag 2027
    expect(isWorkingDay('2026-04-07', holidays)).toBe(true);
  });

  it('sends only on working days between 08:00 and 16:00 Oslo time, across the whole year and both DST changes', () => {
    let weekdays = 0;
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1))
      if (![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())) weekdays++;
    const sendingDays = new Set<string>();
    for (
      let at = new Date('2026-01-01T00:00:00Z');
      at.getUTCFullYear() === 2026;
      at = new Date(at.getTime() + 15 * 60_000)
    ) {
      if (!maySendAt(at, holidays)) continue;
      const t = osloTime(at);
      expect(t.hour).toBeGreaterThanOrEqual(8);
      expect(t.hour).toBeLessThan(16);
      expect(t.weekday).toBeLessThanOrEqual(5);
      sendingDays.add(t.date);
    }
    expect(sendingDays.size).toBe(weekdays - WEEKDAY_HOLIDAYS_2026.length);
    // Summer time: 06:00 UTC is 08:00 in Oslo in June, 07:00 in January.
    expect(maySendAt(new Date('2026-06-10T06:00:00Z'), holidays)).toBe(true);
    expect(maySendAt(new Date('2026-01-14T06:30:00Z'), holidays)).toBe(false);
    expect(maySendAt(new Date('2026-01-14T14:59:00Z'), holidays)).toBe(true);
    expect(maySendAt(new Date('2026-06-10T14:00:00Z'), holidays)).toBe(false);
  });

  it('counts working days back over Easter: a meeting on 14 April is reminded on 31 March and 10 April', () => {
    expect(workingDaysBefore('2026-04-14', 7, holidays)).toBe('2026-03-31');
    expect(workingDaysBefore('2026-04-14', 2, holidays)).toBe('2026-04-10');
    const sent = simulate(() => ({ ...empty, conversations: [conv()] }), '2026-03-01', '2026-04-20');
    expect(sent.map((s) => `${s.day} ${s.recipient}`)).toEqual([
      '2026-03-31 leader',
      '2026-03-31 employee',
      '2026-04-10 leader',
      '2026-04-10 employee',
    ]);
    expect(sent.every((s) => osloTime(s.at).hour === 8)).toBe(true);
    const leader = sent[0]!.messages[0]!;
    expect(leader).toMatchObject({
      kind: 'preparation',
      role: 'leader',
      date: '2026-04-14',
      templateKey: 'medarbeidersamtale-10-faktor',
    });
  });

  it('catches up after downtime instead of skipping: down from 30 March to 9 April, the reminder goes out on the 9th', () => {
    const sent = simulate(
      () => ({ ...empty, conversations: [conv()] }),
      '2026-03-01',
      '2026-04-20',
      (at) => at >= new Date('2026-03-30T00:00:00Z') && at < new Date('2026-04-09T07:00:00Z'),
    );
    expect(sent.map((s) => s.day)).toEqual(['2026-04-09', '2026-04-09', '2026-04-10', '2026-04-10']);
    // Down past both thresholds: one reminder (the nearer one), not two.
    const late = simulate(
      () => ({ ...empty, conversations: [conv()] }),
      '2026-03-01',
      '2026-04-20',
      (at) => at < new Date('2026-04-13T06:00:00Z'),
    );
    expect(late.map((s) => `${s.day} ${s.keys.join()}`)).toEqual([
      '2026-04-13 preparation:c1:2026-04-14-2d:leader',
      '2026-04-13 preparation:c1:2026-04-14-2d:employee',
    ]);
  });

  it('reminds a signer after 2 working days, over a weekend, and never the one who signed', () => {
    // Sent to signing on Friday 6 March at 15:00 Oslo time: Monday is day 1, Tuesday day 2.
    const c = conv({
      status: 'awaiting_signatures',
      awaitingSince: '2026-03-06T14:00:00Z',
      signedBy: ['leader'],
    });
    const sent = simulate(() => ({ ...empty, conversations: [c] }), '2026-03-06', '2026-03-20');
    expect(sent.map((s) => `${s.day} ${s.recipient} ${s.messages[0]!.kind}`)).toEqual([
      '2026-03-10 employee signature',
    ]);
  });

  it('tells a signer once that a reopening voided their signature, never the leader who reopened it', () => {
    // Reopened on Saturday 7 March: the employee had signed; told on the next working day, once.
    const c = conv({
      status: 'held',
      reopened: { at: '2026-03-07T10:00:00Z', byOid: 'leader', voided: ['employee', 'leader'] },
    });
    const sent = simulate(() => ({ ...empty, conversations: [c] }), '2026-03-06', '2026-03-20');
    expect(sent.map((s) => `${s.day} ${s.recipient} ${s.messages[0]!.kind}`)).toEqual([
      '2026-03-09 employee reopened',
    ]);
  });

  it('bundles everything due for one person into one message a day, and leaves the rest for tomorrow', () => {
    const state: ReminderState = {
      conversations: [
        conv({ id: 'a' }),
        conv({ id: 'b', employeeOid: 'other' }),
        conv({
          id: 'c',
          status: 'awaiting_signatures',
          scheduledAt: null,
          awaitingSince: '2026-03-20T09:00:00Z',
          signedBy: ['employee'],
        }),
      ],
      openItems: [
        { tid: 't', ownerOid: 'leader', leaderOid: 'boss' },
        { tid: 't', ownerOid: 'employee', leaderOid: 'leader' },
        { tid: 't', ownerOid: 'employee', leaderOid: 'leader' },
      ],
      unplanned: [],
    };
    const sent = simulate(() => state, '2026-03-31', '2026-03-31');
    const perPerson = new Map(sent.map((s) => [s.recipient, s.messages.map((m) => m.kind).sort()]));
    expect(sent).toHaveLength(4);
    expect(perPerson.get('leader')).toEqual([
      'follow-up',
      'preparation',
      'preparation',
      'signature',
      'team-follow-up',
    ]);
    expect(perPerson.get('employee')).toEqual(['follow-up', 'preparation']);
    expect(
      sent.find((s) => s.recipient === 'employee')!.messages.find((m) => m.kind === 'follow-up')!.count,
    ).toBe(2);
    expect(new Set(sent.map((s) => s.recipient)).size).toBe(sent.length);
  });

  it('asks for follow-up once per quarter, or per tertial by setting, for as long as items stay open', () => {
    const state: ReminderState = { ...empty, openItems: [{ tid: 't', ownerOid: 'per', leaderOid: 'ola' }] };
    const sent = simulate(() => state, '2026-01-01', '2026-12-31');
    const per = sent.filter((s) => s.recipient === 'per').map((s) => s.day);
    expect(per).toEqual(['2026-01-02', '2026-04-01', '2026-07-01', '2026-10-01']);
    expect(followUpPeriod('2026-05-01', 'tertial')).toBe('2026-T2');
    expect(followUpPeriod('2026-09-01', 'tertial')).toBe('2026-T3');
  });

  it("nudges a leader before each HR round's deadline about direct reports in scope without a conversation", () => {
    const round = (roundId: string, deadline: string, employeeOids: string[]) => ({
      tid: 't',
      leaderOid: 'ola',
      employeeOids,
      roundId,
      templateKey: 'medarbeidersamtale-10-faktor',
      period: '2026',
      deadline,
    });
    const state: ReminderState = {
      ...empty,
      unplanned: [round('r1', '2026-12-15', ['per', 'silje']), round('r2', '2027-02-26', ['per'])],
    };
    const settings = DEFAULT_REMINDER_SETTINGS;
    expect(dueMessages(state, '2026-11-30', settings, holidays)).toEqual([]);
    const due = dueMessages(state, '2026-12-01', settings, holidays);
    expect(due).toMatchObject([
      {
        kind: 'cycle-nudge',
        recipientOid: 'ola',
        count: 2,
        period: '2026',
        date: '2026-12-15',
        templateKey: 'medarbeidersamtale-10-faktor',
        key: 'cycle-nudge:r1:2026-12-15:ola',
      },
    ]);
    // After the first round's deadline, nothing until ten working days before the second's.
    expect(dueMessages(state, '2026-12-16', settings, holidays)).toEqual([]);
    expect(dueMessages(state, '2027-02-12', settings, holidays)).toMatchObject([
      { kind: 'cycle-nudge', count: 1, date: '2027-02-26', key: 'cycle-nudge:r2:2027-02-26:ola' },
    ]);
  });

  it('a reminder names only what is due and when: no answers, ratings or salary', () => {
    const due = dueMessages(
      { ...empty, conversations: [conv({ templateKey: 'kontraktsamtale' })] },
      '2026-04-10',
      DEFAULT_REMINDER_SETTINGS,
      holidays,
    );
    for (const m of due)
      expect(Object.keys(m).sort()).toEqual([
        'count',
        'date',
        'key',
        'kind',
        'period',
        'recipientOid',
        'role',
        'subject',
        'templateKey',
        'tid',
      ]);
  });
});
