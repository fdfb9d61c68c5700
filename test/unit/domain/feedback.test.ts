// Feedback on a leader: no result while the round is open or under three answers, figures that add up,
// every comment kept but none tied to its order, who may open and be asked, and one invitation and one
// reminder per person.
import { describe, expect, it } from 'vitest';
import {
  closingDays,
  dueFeedbackMessages,
  effectiveMinAnswers,
  feedbackOpenProblem,
  feedbackResult,
  feedbackRole,
  type FeedbackInputState,
} from '../../../src/domain/feedback.ts';

const round = { id: 'r1', statements: ['trust', 'roles'], closesOn: '2026-12-04', closedAt: null };
const closed = { ...round, closedAt: '2026-12-01T10:00:00.000Z' };
const answers = [
  { ratings: [4, 2], text: 'Tydeligere prioriteringer' },
  { ratings: [5, 3], text: null },
  { ratings: [3, 3], text: 'Mer tid til oss' },
];

describe('a feedback round', () => {
  it('shows nothing from two answers, and the figures from three', () => {
    expect(feedbackResult(closed, answers.slice(0, 2), '2026-12-02', 3)).toBeNull();
    const result = feedbackResult(closed, answers, '2026-12-02', 3);
    expect(result).toMatchObject({
      answered: 3,
      statements: [
        { key: 'trust', average: 4, counts: [0, 0, 1, 1, 1] },
        { key: 'roles', average: 2.7, counts: [0, 1, 2, 0, 0] },
      ],
    });
    expect([...(result?.texts ?? [])].sort()).toEqual(['Mer tid til oss', 'Tydeligere prioriteringer']);
  });

  it('shows nothing while it is open, even with every answer in: a result that moves tells who just answered', () => {
    expect(feedbackResult(round, answers, '2026-12-04', 3)).toBeNull();
    // The day after its closing day it is closed without anyone closing it.
    expect(feedbackResult(round, answers, '2026-12-05', 3)?.answered).toBe(3);
  });

  it('never asks for fewer than three answers, whatever is configured', () => {
    expect(effectiveMinAnswers(undefined)).toBe(3);
    expect(effectiveMinAnswers(1)).toBe(3);
    expect(effectiveMinAnswers(5)).toBe(5);
    expect(feedbackResult(closed, answers, '2026-12-02', 1)?.answered).toBe(3);
    expect(feedbackResult(closed, answers, '2026-12-02', 4)).toBeNull();
  });

  it('gives the comments in an order that does not follow the order they came in, and the same order on every reading', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ratings: [3, 3], text: `svar ${i}` }));
    const read = (responses: typeof many, r = closed) =>
      feedbackResult(r, responses, '2026-12-02', 3)?.texts ?? [];
    const once = read(many);
    expect([...once].sort()).toEqual(many.map((m) => m.text).sort());
    // Whatever order they came in, they read the same: the order says nothing of who came when.
    expect(read([...many].reverse())).toEqual(once);
    expect(read(many)).toEqual(once);
    // Twelve comments in arrival order by chance: one in 479 001 600.
    expect(once).not.toEqual(many.map((m) => m.text));
    // Another round's comments do not share the order, so one round's order tells nothing of another's.
    expect(read(many, { ...closed, id: 'r2' })).not.toEqual(once);
  });

  it('knows the assessed leader and their superior, and nobody else', () => {
    const c = { tid: 't', leaderOid: 'kari', employeeOid: 'ingrid' };
    expect(feedbackRole({ tid: 't', oid: 'ingrid' }, c)).toBe('subject');
    expect(feedbackRole({ tid: 't', oid: 'kari' }, c)).toBe('superior');
    expect(feedbackRole({ tid: 't', oid: 'hilde' }, c)).toBeNull();
    expect(feedbackRole({ tid: 'other', oid: 'ingrid' }, c)).toBeNull();
  });

  it('opens only for a leader conversation not yet held, with enough people from the directory and no party', () => {
    const base = {
      conversation: {
        templateKey: 'utviklingssamtale-leder',
        status: 'preparing' as const,
        leaderOid: 'kari',
        employeeOid: 'ingrid',
        scheduledAt: null as string | null,
      },
      today: '2026-11-24',
      closesOn: '2026-12-04',
      respondents: ['ahmed', 'marte', 'jonas'],
      candidates: new Set(['ahmed', 'marte', 'jonas', 'ola']),
      minAnswers: 3,
    };
    expect(feedbackOpenProblem(base)).toBeNull();
    expect(
      feedbackOpenProblem({
        ...base,
        conversation: { ...base.conversation, templateKey: 'medarbeidersamtale-10-faktor' },
      }),
    ).toBe('template');
    expect(feedbackOpenProblem({ ...base, conversation: { ...base.conversation, status: 'held' } })).toBe(
      'status',
    );
    expect(feedbackOpenProblem({ ...base, closesOn: '2026-11-23' })).toBe('closes-outside');
    expect(feedbackOpenProblem({ ...base, closesOn: '2027-01-06' })).toBe('closes-outside');
    expect(feedbackOpenProblem({ ...base, closesOn: '2027-01-05' })).toBeNull();
    // The leader reads the answers before the meeting: the round closes the day before it at the latest.
    const meeting = { ...base.conversation, scheduledAt: '2026-12-03' };
    expect(feedbackOpenProblem({ ...base, conversation: meeting, closesOn: '2026-12-02' })).toBeNull();
    expect(feedbackOpenProblem({ ...base, conversation: meeting, closesOn: '2026-12-03' })).toBe(
      'closes-outside',
    );
    expect(closingDays('2026-11-24', '2026-12-03')).toEqual({ earliest: '2026-11-24', latest: '2026-12-02' });
    expect(closingDays('2026-11-24', null)).toEqual({ earliest: '2026-11-24', latest: '2027-01-05' });
    // A conversation tomorrow leaves today to answer on. A day already here or gone, with the
    // conversation still being prepared, will be moved: it does not bound the round.
    expect(closingDays('2026-11-24', '2026-11-25')).toEqual({ earliest: '2026-11-24', latest: '2026-11-24' });
    expect(closingDays('2026-11-24', '2026-11-24')).toEqual({ earliest: '2026-11-24', latest: '2027-01-05' });
    expect(closingDays('2026-11-24', '2026-11-02')).toEqual({ earliest: '2026-11-24', latest: '2027-01-05' });
    expect(feedbackOpenProblem({ ...base, respondents: ['ahmed', 'marte'] })).toBe('too-few');
    expect(feedbackOpenProblem({ ...base, respondents: ['ahmed', 'marte', 'marte'] })).toBe('too-few');
    expect(feedbackOpenProblem({ ...base, respondents: ['ahmed', 'marte', 'kari'] })).toBe(
      'not-allowed-respondent',
    );
    expect(feedbackOpenProblem({ ...base, respondents: ['ahmed', 'marte', 'per'] })).toBe(
      'not-allowed-respondent',
    );
  });
});

describe("a feedback round's messages", () => {
  const state = (invitations: FeedbackInputState['invitations']): FeedbackInputState => ({
    tid: 't',
    roundId: 'r',
    subjectName: 'Ingrid Berg',
    closesOn: '2026-12-04',
    closedAt: null,
    minAnswers: 3,
    invitations,
  });
  const none = new Set<string>();

  it('asks everyone once, and reminds those who have not answered two working days before it closes', () => {
    const s = state([
      { oid: 'ahmed', answered: false, askedOn: null },
      { oid: 'marte', answered: true, askedOn: '2026-11-24' },
      { oid: 'jonas', answered: false, askedOn: '2026-11-24' },
    ]);
    expect(dueFeedbackMessages([s], '2026-11-25', none).map((m) => [m.kind, m.recipientOid])).toEqual([
      ['feedback-input', 'ahmed'],
    ]);
    // Wednesday 2 December is two working days before Friday the 4th.
    const due = dueFeedbackMessages([s], '2026-12-02', none);
    expect(due.map((m) => [m.kind, m.recipientOid, m.key])).toEqual([
      ['feedback-input', 'ahmed', 'feedback-input:r:ahmed'],
      ['feedback-reminder', 'jonas', 'feedback-reminder:r:jonas'],
    ]);
    expect(due[1]).toMatchObject({ about: 'Ingrid Berg', date: '2026-12-04', count: 3 });
  });

  it('sends nothing once the round is closed, by hand or by its day', () => {
    const s = state([{ oid: 'jonas', answered: false, askedOn: '2026-11-24' }]);
    expect(dueFeedbackMessages([s], '2026-12-05', none)).toEqual([]);
    expect(dueFeedbackMessages([{ ...s, closedAt: '2026-12-01T10:00:00Z' }], '2026-12-02', none)).toEqual([]);
  });

  it('never reminds on the day of the first message', () => {
    const s = state([{ oid: 'jonas', answered: false, askedOn: '2026-12-03' }]);
    expect(dueFeedbackMessages([s], '2026-12-03', none)).toEqual([]);
  });
});
