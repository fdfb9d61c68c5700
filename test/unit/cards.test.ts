import { feedbackCard, feedbackDoneCard } from '../../bot/cards/feedback.ts';
import { FEEDBACK_STATEMENTS } from '../../src/domain/feedback.ts';
import { describe, expect, it } from 'vitest';
import {
  CARD_MAX_BYTES,
  followUpCard,
  helpCard,
  myConversationsCard,
  myGoalsCard,
  reminderCard,
  unknownCommandCard,
  welcomeCard,
  type GoalLine,
  type Links,
} from '../../bot/cards/builders.ts';
import type { DueMessage } from '../../src/domain/reminders.ts';
import { cardProblems } from '../helpers/cards.ts';

const links: Links = {
  home: 'https://teams.example/l/home',
  team: 'https://teams.example/l/team',
  conversation: (id) => `https://teams.example/l/c/${id}`,
  copy: (id) => `https://teams.example/l/c/${id}/kopi`,
  plan: (id) => `https://teams.example/l/p/${id}`,
  privacy: 'https://samtale.example/personvern',
};
const due = (over: Partial<DueMessage>): DueMessage => ({
  kind: 'preparation',
  key: 'k',
  tid: 't',
  recipientOid: 'o',
  subject: 'conv-1',
  period: '2026-04-14',
  date: '2026-04-14',
  count: 1,
  role: 'leader',
  templateKey: 'kontraktsamtale',
  ...over,
});
const bundle = [
  // The kontraktsamtale's assessed leader is its employee.
  due({ role: 'employee' }),
  due({
    kind: 'signature',
    subject: 'conv-2',
    templateKey: 'medarbeidersamtale-10-faktor',
    date: '2026-03-06',
  }),
  due({ kind: 'follow-up', count: 3, period: '2026-Q2' }),
  due({ kind: 'team-follow-up', count: 5, period: '2026-Q2' }),
  due({ kind: 'cycle-nudge', count: 2, period: '2026-12-15' }),
  due({
    kind: 'plan-follow-up',
    key: 'p1',
    subject: 'g1',
    period: '2026-Q2',
    date: '2026-07-14',
    unit: 'Oppvekst og kultur',
  }),
  due({
    kind: 'plan-follow-up',
    key: 'p2',
    subject: 'g2',
    period: '2026-Q2',
    date: '2026-07-14',
    unit: 'Oppvekst og kultur',
  }),
  due({
    kind: 'plan-summary',
    subject: 'plan-1',
    period: '2026-Q2',
    count: 5,
    unit: 'Oppvekst og kultur',
    missing: ['Per Johansen', 'Silje Larsen'],
  }),
];
const goalLine = (i: number, over: Partial<GoalLine> = {}): GoalLine => ({
  goalId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  planId: 'plan-1',
  goal: `Mål ${i + 1}`,
  unit: 'Oppvekst og kultur',
  indicator: 'Andel elever som trives, prosent',
  baseline: 78.5,
  target: 85,
  period: '2026-Q4',
  current: null,
  last: { period: '2026-Q3', status: 'on_track' },
  ...over,
});

describe('bot cards (Adaptive Card 1.5, validated by the adaptivecards package)', () => {
  it('the help card leads to the privacy page, in each language', () => {
    for (const [lang, title] of [
      ['nb', 'Personvern'],
      ['nn', 'Personvern'],
      ['en', 'Privacy'],
    ] as const) {
      const actions = helpCard(links, lang).actions ?? [];
      expect(actions).toContainEqual(
        expect.objectContaining({ type: 'Action.OpenUrl', title, url: 'https://samtale.example/personvern' }),
      );
    }
  });

  for (const lang of ['nb', 'nn', 'en'] as const) {
    it(`every card is valid in ${lang}`, () => {
      const feedbackDue = due({
        kind: 'feedback-input',
        subject: 'round-1',
        period: '2026-12-01',
        date: '2026-12-01',
        count: 3,
        about: 'Ingrid Berg',
        templateKey: null,
        role: null,
      });
      const cards = [
        reminderCard(bundle, links, lang),
        reminderCard(
          [feedbackDue, { ...feedbackDue, kind: 'feedback-reminder', subject: 'round-2' }],
          links,
          lang,
        ),
        feedbackCard(
          {
            roundId: 'round-1',
            name: 'Ingrid Berg',
            closesOn: '2026-12-01',
            statements: FEEDBACK_STATEMENTS['kontraktsamtale'] ?? [],
            minAnswers: 3,
            missing: 2,
            values: { ratings: { trust: '4' }, text: 'Mer tid til oss' },
          },
          lang,
        ),
        feedbackDoneCard(lang, 'saved'),
        feedbackDoneCard(lang, 'closed'),
        helpCard(links, lang),
        welcomeCard(links, lang),
        unknownCommandCard(links, lang),
        myConversationsCard(
          [
            {
              id: 'c',
              templateKey: 'kontraktsamtale',
              period: '2026',
              status: 'preparing',
              waitingFor: ['deg'],
              nextStep: 'prepare',
              counterpart: 'Kari',
            },
          ],
          links,
          lang,
        ),
        myConversationsCard([], links, lang),
        followUpCard(
          [
            {
              itemId: 'i1',
              version: 2,
              conversationId: 'c',
              conversation: { templateName: 'Medarbeidersamtale', period: '2026' },
              title: 'Kurs i veiledning',
              due: '2026-06-01',
              overdue: false,
              status: 'partly',
              comment: 'Påmeldt',
              history: [],
            },
          ],
          links,
          lang,
        ),
        followUpCard([], links, lang),
        myGoalsCard(
          [goalLine(0), goalLine(1, { current: { status: 'uncertain', measured: 80, comment: 'Ok' } })],
          links,
          lang,
        ),
        myGoalsCard([], links, lang),
      ];
      for (const c of cards) expect(cardProblems(c), JSON.stringify(c)).toEqual([]);
    });
  }

  it('the checker itself catches a broken card', () => {
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.2',
        body: [{ type: 'Bogus' }],
        actions: [{ type: 'Action.Execute', title: 'x', verb: 'v' }],
      }),
    ).toHaveLength(3);
  });

  it('a reminder names what is due, when and where, with deep links; the assessed leader of a kontraktsamtale is asked to collect feedback (seed 000)', () => {
    const json = JSON.stringify(reminderCard(bundle, links, 'nb'));
    expect(json).toContain('Forberedelse: innhent tilbakemeldinger fra underordnede/sideordnede.');
    expect(json).toContain('Du kan be medarbeiderne dine om anonym tilbakemelding fra samtalen i Samtale.');
    expect(json).toContain('https://teams.example/l/c/conv-1');
    expect(json).toContain('https://teams.example/l/c/conv-2');
    expect(json).toContain('14. april 2026');
    expect(json).toContain('3 åpne oppfølgingspunkter for 2. kvartal 2026');
    expect(
      JSON.stringify(reminderCard([due({ kind: 'follow-up', count: 1, period: '2026-T3' })], links, 'nb')),
    ).toContain('Du har 1 åpent oppfølgingspunkt for 3. tertial 2026.');
    expect(json).toContain('2 av dine direkte underordnede');
    // Not to the superior (the conversation's leader), nor to an employee of a medarbeidersamtale.
    const superior = JSON.stringify(reminderCard([due({ role: 'leader' })], links, 'nb'));
    expect(superior).not.toContain('innhent tilbakemeldinger');
    expect(superior).not.toContain('anonym tilbakemelding');
    expect(
      JSON.stringify(
        reminderCard([due({ role: 'employee', templateKey: 'medarbeidersamtale-10-faktor' })], links, 'nb'),
      ),
    ).not.toContain('anonym tilbakemelding');
    expect(JSON.stringify(reminderCard(bundle, links, 'en'))).toContain('14 April 2026');
  });

  it('lists conversations in words: the status and the next step by name, never their codes', () => {
    const line = {
      id: 'c',
      templateKey: 'medarbeidersamtale-10-faktor',
      period: '2026',
      status: 'awaiting_signatures' as const,
      nextStep: 'sign' as const,
      counterpart: 'Marte',
      waitingFor: ['Marte Kristiansen'],
    };
    const nb = JSON.stringify(myConversationsCard([line], links, 'nb'));
    // Whom it waits for by name: Ingrid is not told to sign a record only Marte must sign.
    expect(nb).toContain('Venter på signatur. Signer referatet. Venter på Marte Kristiansen.');
    expect(nb).not.toMatch(/awaiting_signatures|\. sign"/);
    expect(JSON.stringify(myConversationsCard([line], links, 'en'))).toContain(
      'Awaiting signatures. Sign the record',
    );
    const many = JSON.stringify(
      myConversationsCard(
        Array.from({ length: 23 }, (_, i) => ({ ...line, id: `c${i}` })),
        links,
        'nb',
      ),
    );
    expect(many).toContain('Og 3 til: se alle i Samtale.');
    // Not yet archived: nothing to download. Archived: the party's own copy, a click away.
    expect(nb).not.toContain('Last ned min kopi');
    const archived = JSON.stringify(
      myConversationsCard([{ ...line, status: 'archived', nextStep: 'none', waitingFor: [] }], links, 'nb'),
    );
    expect(archived).toContain('[Last ned min kopi](https://teams.example/l/c/c/kopi)');
    expect(
      JSON.stringify(
        myConversationsCard([{ ...line, status: 'archived', nextStep: 'none', waitingFor: [] }], links, 'en'),
      ),
    ).toContain('[Download my copy](');
  });
});

describe('the reminder card at any size', () => {
  it('a leader with very many reminders at once gets a card Teams accepts, naming the rest', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      due({
        kind: 'preparation',
        key: `k${i}`,
        subject: `conversation-${i}`,
        templateKey: 'kontraktsamtale',
      }),
    );
    const json = JSON.stringify(reminderCard(many, links, 'nb'));
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    const shown = (json.match(/conversation-\d+/g) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(json).toContain(`Og ${300 - shown} til: se alle i Samtale.`);
  });
});

describe('the unknown-command card', () => {
  it('offers help with a button that says so', () => {
    expect(JSON.stringify(unknownCommandCard(links, 'nb'))).toContain('"title":"Vis hjelp"');
    expect(JSON.stringify(unknownCommandCard(links, 'en'))).toContain('"title":"Show help"');
  });
});

describe('the follow-up card at the caps (issue 12)', () => {
  it('long comments on many items never make a card Teams would refuse; the rest is named', () => {
    const comment = 'Vi har kommet et stykke på vei, men trenger mer tid. '.repeat(80).slice(0, 4000);
    const items = Array.from({ length: 100 }, (_, i) => ({
      itemId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      version: 1,
      conversationId: 'c',
      conversation: { templateName: 'Medarbeidersamtale', period: '2026' },
      title: `Mål ${i + 1}`,
      due: '2026-06-01',
      overdue: false,
      status: 'partly' as const,
      comment,
      history: [],
    }));
    const c = followUpCard(items, links, 'nb');
    const json = JSON.stringify(c);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(cardProblems(c)).toEqual([]);
    const shown = (json.match(/"id":"status:/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(json).toContain(`Og ${100 - shown} til: se alle i Samtale.`);
  });

  it('the plan follow-up reminder says how many goals, for which unit and quarter, by when; the summary names who is missing', () => {
    const json = JSON.stringify(reminderCard(bundle, links, 'nb'));
    expect(json).toContain(
      'Rapporter på 2 mål i virksomhetsplanen for Oppvekst og kultur for 2. kvartal 2026. Fristen er 14. juli 2026.',
    );
    expect(json).toContain(
      'Fristen for 2. kvartal 2026 er ute: 3 av 5 mål i virksomhetsplanen for Oppvekst og kultur er rapportert. Mangler rapport fra Per Johansen og Silje Larsen.',
    );
    expect(json).toContain('https://teams.example/l/p/plan-1');
    expect(json).toContain('"verb":"planGoals.show"');
    const goals = JSON.stringify(myGoalsCard([goalLine(0)], links, 'nb'));
    expect(goals).toContain('Fra 78,5 til 85');
    expect(goals).toContain('Sist rapportert 3. kvartal 2026: I rute');
    expect(goals).toContain('Status 4. kvartal 2026');
  });

  it('a goals card with very many long goals stays under the size Teams accepts, naming the rest', () => {
    const long = 'Alle barn og unge skal oppleve mestring og trivsel i barnehage og skole. '
      .repeat(30)
      .slice(0, 2000);
    const c = myGoalsCard(
      Array.from({ length: 100 }, (_, i) =>
        goalLine(i, {
          goal: long,
          indicator: long,
          current: { status: 'on_track', measured: 1, comment: long.repeat(2) },
        }),
      ),
      links,
      'nb',
    );
    const json = JSON.stringify(c);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(cardProblems(c)).toEqual([]);
    const shown = (json.match(/:status"/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(json).toContain(`Og ${100 - shown} til: se alle i Samtale.`);
  });
});
