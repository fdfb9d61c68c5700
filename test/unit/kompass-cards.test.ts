// Kommunekompasset's cards in the personal chat: the reminder's section, one card per area, the thanks
// and the refusals. Valid Adaptive Cards, in words rather than codes, under the size Teams accepts.
import { describe, expect, it } from 'vitest';
import { CARD_MAX_BYTES, reminderCard, type Links } from '../../bot/cards/builders.ts';
import {
  KOMPASS_TEXT_ID,
  KOMPASS_TEXT_MAX,
  kompassAreaCard,
  kompassDoneCard,
  kompassRatingId,
  kompassRefusalCard,
} from '../../bot/cards/kompass.ts';
import type { AdaptiveCard, ChoiceSetInput, Element, TextInput } from '../../bot/cards/card.ts';
import type { DueMessage } from '../../src/domain/reminders.ts';
import { KOMPASS_AREAS } from '../../src/domain/templates/kommunekompass.ts';
import { cardProblems } from '../helpers/cards.ts';

const links: Links = {
  home: 'https://teams.example/l/home',
  team: 'https://teams.example/l/team',
  conversation: (id) => `https://teams.example/l/c/${id}`,
  copy: (id) => `https://teams.example/l/c/${id}/kopi`,
  plan: (id) => `https://teams.example/l/p/${id}`,
  privacy: 'https://samtale.example/personvern',
};
const ROUND = '11111111-2222-4333-8444-555555555555';
const asked = (over: Partial<DueMessage> = {}): DueMessage => ({
  kind: 'kompass-input',
  key: `kompass-input:${ROUND}:per`,
  tid: 't',
  recipientOid: 'per',
  subject: ROUND,
  period: '2027',
  date: null,
  count: 8,
  role: null,
  templateKey: null,
  ...over,
});
const elements = (c: AdaptiveCard): Element[] => {
  const out: Element[] = [];
  const walk = (e: Element) => {
    out.push(e);
    if (e.type === 'Container') e.items.forEach(walk);
  };
  c.body.forEach(walk);
  return out;
};
const inputs = (c: AdaptiveCard) => ({
  ratings: elements(c).filter((e): e is ChoiceSetInput => e.type === 'Input.ChoiceSet'),
  text: elements(c).find((e): e is TextInput => e.type === 'Input.Text'),
});
const bytes = (c: AdaptiveCard) => Buffer.byteLength(JSON.stringify(c));

describe('Kommunekompass cards (Adaptive Card 1.5, validated by the adaptivecards package)', () => {
  for (const lang of ['nb', 'nn', 'en'] as const) {
    it(`every card is valid and under the size Teams accepts, in ${lang}`, () => {
      const cards = [
        reminderCard([asked()], links, lang),
        reminderCard([asked({ kind: 'kompass-input-reminder', count: 3, date: '2027-05-03' })], links, lang),
        ...KOMPASS_AREAS.map((a) => kompassAreaCard({ roundId: ROUND, year: 2027, area: a.number }, lang)),
        kompassAreaCard(
          {
            roundId: ROUND,
            year: 2027,
            area: 2,
            notice: 'Takk! Svaret ditt på område 1 er lagret.',
            missing: 2,
            values: { ratings: { '2.1': '4', '2.2': '1' }, text: 'Mer åpenhet' },
          },
          lang,
        ),
        kompassDoneCard(lang),
        kompassRefusalCard(lang, { reason: 'not-invited' }),
        kompassRefusalCard(lang, { reason: 'closed', year: 2027 }),
      ];
      for (const c of cards) {
        expect(cardProblems(c), JSON.stringify(c)).toEqual([]);
        expect(bytes(c)).toBeLessThanOrEqual(CARD_MAX_BYTES);
      }
    });
  }

  it('the reminder asks for input in words, says it is anonymous, and answers with "Svar nå" for the round', () => {
    const first = reminderCard([asked()], links, 'nb');
    const json = JSON.stringify(first);
    expect(json).toContain('Kommunekompasset 2027: Vi ber om innspillet ditt');
    expect(json).toContain('Svarene er anonyme og vises bare når minst 5 fra gruppen har svart.');
    // No kinds, keys or counts of areas in the first message: words only.
    expect(json).not.toContain('kompass-input');
    expect(json).not.toContain('områder igjen');
    expect(first.actions).toContainEqual(
      expect.objectContaining({
        type: 'Action.Execute',
        title: 'Svar nå',
        verb: 'kompass.input.show',
        data: { roundId: ROUND, keep: 1 },
      }),
    );
    const reminder = JSON.stringify(
      reminderCard([asked({ kind: 'kompass-input-reminder', key: 'x', count: 3 })], links, 'nb'),
    );
    expect(reminder).toContain('Påminnelse: du har 3 områder igjen å svare på.');
    expect(
      JSON.stringify(reminderCard([asked({ count: 1, kind: 'kompass-input-reminder' })], links, 'nb')),
    ).toContain('du har 1 område igjen');
    const en = JSON.stringify(reminderCard([asked()], links, 'en'));
    expect(en).toContain('Kommunekompasset 2027: We would like your input');
    expect(en).toContain('"title":"Answer now"');
    // Two rounds at once (two years open for input): a button each, by year.
    const two = reminderCard(
      [asked(), asked({ subject: 'other-round', period: '2028', key: 'y' })],
      links,
      'nb',
    );
    expect(two.actions?.map((a) => a.title)).toEqual(['Svar nå (2027)', 'Svar nå (2028)', 'Mine samtaler']);
  });

  it("an area's card: its number and title, a required 1–5 choice per sub-area labelled with its title, the text with its warning", () => {
    const area = KOMPASS_AREAS[2]!;
    const c = kompassAreaCard({ roundId: ROUND, year: 2027, area: area.number }, 'nb');
    const json = JSON.stringify(c);
    expect(json).toContain('"text":"3. Styring og kontroll"');
    expect(json).toContain('Kommunekompasset 2027 · område 3 av 8');
    const { ratings, text } = inputs(c);
    expect(ratings.map((r) => r.label)).toEqual(area.subAreas.map((s) => s.title));
    expect(ratings.map((r) => r.id)).toEqual(area.subAreas.map((s) => kompassRatingId(s.code)));
    for (const r of ratings) {
      expect(r).toMatchObject({ isRequired: true, style: 'expanded', errorMessage: 'Velg hvor enig du er.' });
      expect(r.choices).toEqual([
        { title: '1 – Helt uenig', value: '1' },
        { title: '2 – Uenig', value: '2' },
        { title: '3 – Verken eller', value: '3' },
        { title: '4 – Enig', value: '4' },
        { title: '5 – Helt enig', value: '5' },
      ]);
      expect(r.value).toBeUndefined();
    }
    expect(text).toMatchObject({
      id: KOMPASS_TEXT_ID,
      label: 'Vil du legge til noe?',
      isMultiline: true,
      maxLength: KOMPASS_TEXT_MAX,
    });
    expect(KOMPASS_TEXT_MAX).toBe(2000);
    expect(json).toContain(
      'Svaret lagres uten navnet ditt og leses som det står. Ikke skriv noe som avslører hvem du er.',
    );
    expect(c.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        title: 'Send svaret',
        verb: 'kompass.input.answer',
        data: { roundId: ROUND, area: 3 },
      }),
    ]);
    // In English the card's own words are English; the statements are the method's own (Norwegian).
    const en = JSON.stringify(kompassAreaCard({ roundId: ROUND, year: 2027, area: 3 }, 'en'));
    expect(en).toContain('1 – Strongly disagree');
    expect(en).toContain('Anything you would like to add?');
    expect(en).not.toContain('Helt uenig');
  });

  it('a card sent back for a missing rating says so, and keeps what was chosen and written', () => {
    const c = kompassAreaCard(
      {
        roundId: ROUND,
        year: 2027,
        area: 1,
        missing: 1,
        values: { ratings: { '1.1': '5', '1.2': '2', '1.3': '3', '1.4': '9' }, text: 'Bedre nettsider' },
      },
      'nb',
    );
    const json = JSON.stringify(c);
    expect(json).toContain(
      'Du har ikke svart på 1 påstand. Velg hvor enig du er i hver påstand før du sender.',
    );
    const { ratings, text } = inputs(c);
    // What is not a rating (9) is not shown as chosen.
    expect(ratings.map((r) => r.value)).toEqual(['5', '2', '3', undefined, undefined]);
    expect(text?.value).toBe('Bedre nettsider');
    expect(
      JSON.stringify(kompassAreaCard({ roundId: ROUND, year: 2027, area: 1, missing: 3 }, 'nb')),
    ).toContain('Du har ikke svart på 3 påstander.');
  });

  it('a kept text at the longest, in the widest characters, stays under the size Teams accepts', () => {
    for (const ch of ['x', 'ø', '"', '😀']) {
      const long = ch.repeat(KOMPASS_TEXT_MAX / ch.length);
      for (const a of KOMPASS_AREAS) {
        const c = kompassAreaCard(
          { roundId: ROUND, year: 2027, area: a.number, missing: 1, values: { ratings: {}, text: long } },
          'nb',
        );
        expect(bytes(c)).toBeLessThanOrEqual(CARD_MAX_BYTES);
        expect(cardProblems(c)).toEqual([]);
      }
    }
  });

  it('the thanks and the refusals are polite words, never codes', () => {
    expect(JSON.stringify(kompassDoneCard('nb'))).toContain('Takk! Du har svart på alle områdene.');
    const refused = JSON.stringify(kompassRefusalCard('nb', { reason: 'not-invited' }));
    expect(refused).toContain('Du er ikke bedt om å gi innspill til denne runden av Kommunekompasset.');
    expect(refused).not.toMatch(/ROUND_NOT_FOUND|404/);
    expect(JSON.stringify(kompassRefusalCard('nb', { reason: 'closed', year: 2027 }))).toContain(
      'Kommunekompasset 2027 tar ikke imot innspill nå.',
    );
  });
});
