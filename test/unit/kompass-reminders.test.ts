// Kommunekompasset's input as reminders, pure rules: who is asked, once; who is reminded, once, and when.
import { describe, expect, it } from 'vitest';
import {
  KOMPASS_REMINDER_DAYS,
  dueKompassMessages,
  type KompassInputState,
} from '../../src/domain/kompass-reminders.ts';
import { bundleForToday } from '../../src/domain/reminders.ts';

// Ascension Day 2027 is Thursday 6 May; 2027-05-03 is a Monday.
const holidays = new Set(['2027-05-06']);
const ALL = [1, 2, 3, 4, 5, 6, 7, 8];

const round = (
  invitations: KompassInputState['invitations'],
  over: Partial<KompassInputState> = {},
): KompassInputState => ({
  tid: 't',
  roundId: 'r1',
  year: 2027,
  status: 'input',
  invitations,
  ...over,
});

describe('Kommunekompass input reminders', () => {
  it('asks everyone invited with areas left, once per round and person, with how many areas are left', () => {
    const due = dueKompassMessages(
      [
        round([
          { oid: 'per', answeredAreas: [], askedOn: null },
          { oid: 'silje', answeredAreas: [1, 2, 3], askedOn: null },
          { oid: 'ahmed', answeredAreas: ALL, askedOn: null },
        ]),
      ],
      '2027-05-03',
      holidays,
    );
    expect(due.map((m) => [m.kind, m.key, m.recipientOid, m.count, m.period, m.subject])).toEqual([
      ['kompass-input', 'kompass-input:r1:per', 'per', 8, '2027', 'r1'],
      ['kompass-input', 'kompass-input:r1:silje', 'silje', 5, '2027', 'r1'],
    ]);
    // Once sent, the key is filtered out: the same state the next day brings nothing new.
    const sent = new Set(due.map((m) => m.key));
    expect(bundleForToday(due, sent, new Set(), '2027-05-04')).toEqual([]);
  });

  it('asks nobody who has answered every area', () => {
    expect(
      dueKompassMessages(
        [round([{ oid: 'ahmed', answeredAreas: [8, 7, 6, 5, 4, 3, 2, 1], askedOn: null }])],
        '2027-05-03',
        holidays,
      ),
    ).toEqual([]);
    expect(
      dueKompassMessages(
        [round([{ oid: 'ahmed', answeredAreas: ALL, askedOn: '2027-04-01' }])],
        '2027-05-03',
        holidays,
      ),
    ).toEqual([]);
  });

  it('asks and reminds nobody unless the round is open for input', () => {
    const people = [
      { oid: 'per', answeredAreas: [], askedOn: null },
      { oid: 'silje', answeredAreas: [1], askedOn: '2027-04-01' },
    ];
    for (const status of ['draft', 'assessment', 'done'] as const)
      expect(dueKompassMessages([round(people, { status })], '2027-05-03', holidays), status).toEqual([]);
    expect(dueKompassMessages([round(people)], '2027-05-03', holidays)).toHaveLength(2);
  });

  it(`reminds once, ${KOMPASS_REMINDER_DAYS} working days after the first message, only those with areas left`, () => {
    // Asked on Monday 3 May; Thursday 6 May is a holiday, so five working days later is Tuesday 11 May.
    const state = [
      round([
        { oid: 'per', answeredAreas: [1], askedOn: '2027-05-03' },
        { oid: 'silje', answeredAreas: ALL, askedOn: '2027-05-03' },
      ]),
    ];
    for (const day of ['2027-05-03', '2027-05-07', '2027-05-10'])
      expect(dueKompassMessages(state, day, holidays), day).toEqual([]);
    const due = dueKompassMessages(state, '2027-05-11', holidays);
    expect(due).toMatchObject([
      {
        kind: 'kompass-input-reminder',
        key: 'kompass-input-reminder:r1:per',
        recipientOid: 'per',
        count: 7,
        date: '2027-05-03',
      },
    ]);
    // Missed days are caught up; the key is the same, so it is sent once.
    expect(dueKompassMessages(state, '2027-05-20', holidays).map((m) => m.key)).toEqual(
      due.map((m) => m.key),
    );
    expect(bundleForToday(due, new Set(due.map((m) => m.key)), new Set(), '2027-05-12')).toEqual([]);
    // The number of working days can be set.
    expect(dueKompassMessages(state, '2027-05-05', holidays, 2).map((m) => m.recipientOid)).toEqual(['per']);
    expect(dueKompassMessages(state, '2027-05-04', holidays, 2)).toEqual([]);
  });

  it('someone invited after the round opened is asked first, and reminded counting from then', () => {
    const state = [
      round([
        { oid: 'per', answeredAreas: [], askedOn: '2027-04-01' },
        { oid: 'marte', answeredAreas: [], askedOn: null },
      ]),
    ];
    expect(dueKompassMessages(state, '2027-05-03', holidays).map((m) => [m.kind, m.recipientOid])).toEqual([
      ['kompass-input-reminder', 'per'],
      ['kompass-input', 'marte'],
    ]);
  });
});
