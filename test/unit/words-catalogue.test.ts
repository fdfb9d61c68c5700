// The whole catalogue of words, walked leaf by leaf for every language: the same keys everywhere, no
// empty text, the same {placeholders}, and nynorsk that is nynorsk, not bokmål left behind.
import { describe, expect, it } from 'vitest';
import { errorBody } from '../../src/errors/catalogue.ts';
import { formatDate, formatDateTime, listOf, periodName, plural } from '../../src/contract/words/format.ts';
import { LOCALES, WORDS, localeOf, type Locale } from '../../src/contract/words/index.ts';

/** Every string in a group of words, by its dotted path ("tab.plans.goalCount.one"). */
function leaves(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else out.set(path, value);
  return out;
}

const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
/** Text with its placeholders and file names ("samtaler.json") taken out: what is left to read as words. */
const words = (text: string) =>
  text.replace(/\{\w+\}/g, '').replace(/[\p{L}\d_-]+\.(json|pdf|txt|csv|zip)\b/gu, '');

const CATALOGUE = Object.fromEntries(LOCALES.map((l) => [l, leaves(WORDS[l])])) as Record<
  Locale,
  Map<string, unknown>
>;

/**
 * Nynorsk that is rightly written as bokmål writes it. A label of a few words ("Status", "Neste steg",
 * "Signer referatet") often is, and may be, as long as it holds no form only bokmål has (checked below).
 * A longer text identical to bokmål is bokmål never translated, unless it is one of these: names, seed
 * titles and sentences whose every word the two written standards share.
 */
const SAME_IN_NB_AND_NN = new Set([
  'Sende referatet til signering?',
  'Neste steg for planen',
  'Neste trinn i runden',
  'Forslag til nytt mål',
  'Ta inn som mål',
  'Ta inn forslaget som mål?',
  'Mål {n} er lagt til.',
  '{kind} som kan bli mål',
  'Lagt til som mål i {plan}',
  'Gradering i del I, tema {n}: {theme}',
  'Oppsummering og andre forhold', // the seed's (Oslo kommune's) own theme title
  'Om deg i Samtale',
  'Last ned data for {name}',
  'Innsyn i Samtale for {name}',
  'låste referatet, signert av begge',
]);
/** A label this short may be the same in both (its words are still checked for bokmål forms). */
const SHORT_LABEL_WORDS = 3;

/** Forms only bokmål has; each has its nynorsk counterpart (ikkje, kva, kven, korleis, eg, frå, berre …). */
const BOKMAL_ONLY =
  /(?<!\p{L})(ikke|hva|hvem|hvor|hvordan|hvorfor|hvis|hver|hvert|hvilke|jeg|fra|bare|noe|noen|mye|ennå|dere|deres|være|vært|gjøre|finnes|lagret|lagres|kommer|sier|leder|ledere|lederen|lederne|medarbeider|medarbeidere|enhet|enheten|enheter|enhetene|samtaler|samtalene|forberedelse|forberedelsen|påminnelse|påminnelser|virksomhetsplan|virksomhetsplanen|virksomhetsplaner|svarene|målene|tiltakene|dataene|filen|siden|tegn|ble|selv|mer|kun|ansatt|ansatte|spørre|enig|uenig|lønn|veiledning|fant|finner)(?!\p{L})/iu;

describe('the catalogue of words', () => {
  it('registers bokmål, nynorsk and English, each with its BCP 47 tag', () => {
    expect(LOCALES).toEqual(['nb', 'nn', 'en']);
    expect(WORDS.nb.meta.tag).toBe('nb-NO');
    expect(WORDS.nn.meta.tag).toBe('nn-NO');
    expect(WORDS.en.meta.tag).toBe('en-GB');
  });

  for (const locale of LOCALES.filter((l) => l !== 'nb')) {
    it(`${locale} has every key bokmål has, and no other`, () => {
      const nb = [...CATALOGUE.nb.keys()].sort();
      const other = [...CATALOGUE[locale].keys()].sort();
      expect(
        nb.filter((k) => !CATALOGUE[locale].has(k)),
        `keys missing in ${locale}`,
      ).toEqual([]);
      expect(
        other.filter((k) => !CATALOGUE.nb.has(k)),
        `keys in ${locale} that bokmål lacks`,
      ).toEqual([]);
    });

    it(`${locale} uses the same {placeholders} as bokmål in every text`, () => {
      const wrong: string[] = [];
      for (const [key, text] of CATALOGUE.nb) {
        const theirs = CATALOGUE[locale].get(key);
        if (typeof text !== 'string' || typeof theirs !== 'string') continue;
        if (placeholders(text).join() !== placeholders(theirs).join())
          wrong.push(`${key}: ${placeholders(text).join()} ≠ ${placeholders(theirs).join()}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('has no empty text and nothing but text at the leaves, in any language', () => {
    for (const locale of LOCALES) {
      const wrong = [...CATALOGUE[locale]].filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(
        wrong.map(([k]) => k),
        locale,
      ).toEqual([]);
    }
  });

  it('leaves no nynorsk text identical to bokmål, beyond short labels and a short list of shared texts', () => {
    const same = [...CATALOGUE.nn]
      .filter(([key, text]) => text === CATALOGUE.nb.get(key))
      .filter(([, text]) => (words(String(text)).match(/\p{L}+/gu) ?? []).length > SHORT_LABEL_WORDS)
      .filter(([, text]) => !SAME_IN_NB_AND_NN.has(String(text)));
    expect(same.map(([key, text]) => `${key}: ${String(text)}`)).toEqual([]);
  });

  it('writes nynorsk without the forms only bokmål has', () => {
    const leaks = [...CATALOGUE.nn]
      .filter(([, text]) => BOKMAL_ONLY.test(words(String(text))))
      .map(([key, text]) => `${key}: ${String(text)}`);
    expect(leaks).toEqual([]);
  });
});

describe('the language a tag asks for', () => {
  it.each([
    ['nn-NO', 'nn'],
    ['nn', 'nn'],
    ['NN-no', 'nn'],
    ['nn_NO', 'nn'],
    ['nn_NO.UTF-8', 'nn'],
    ['no-nn', 'nn'],
    ['no-NN', 'nn'],
    ['no_NN', 'nn'],
    ['nno', 'nn'],
    ['nb', 'nb'],
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['no-NO', 'nb'],
    ['no_NO.UTF-8', 'nb'],
    ['en-GB', 'en'],
    ['en-us', 'en'],
    ['sv-SE', 'nb'],
    ['', 'nb'],
    [null, 'nb'],
    [undefined, 'nb'],
  ] as const)('%s → %s', (tag, locale) => {
    expect(localeOf(tag)).toBe(locale);
  });
});

describe('values in nynorsk', () => {
  it('dates, times, periods, lists, plurals and numbers as nynorsk writes them', () => {
    expect(formatDate('nn', '2027-01-20')).toBe('20. januar 2027');
    expect(formatDate('nn', '2026-12-04')).toBe('4. desember 2026');
    expect(formatDateTime('nn', '2027-01-20T13:03:00Z')).toBe('20. januar 2027 kl. 14:03');
    expect(periodName('nn', '2026-Q1')).toBe('1. kvartal 2026');
    expect(periodName('nn', '2026-T2')).toBe('2. tertial 2026');
    expect(listOf('nn', ['Ola', 'Per', 'Silje'])).toBe('Ola, Per og Silje');
    expect(plural('nn', WORDS.nn.bot.followUp, 1, { period: '2026' })).toBe(
      'Du har 1 ope oppfølgingspunkt for 2026.',
    );
    expect(plural('nn', WORDS.nn.bot.followUp, 3, { period: '2026' })).toBe(
      'Du har 3 opne oppfølgingspunkt for 2026.',
    );
    expect(new Intl.NumberFormat(WORDS.nn.meta.tag).format(12.5)).toBe('12,5');
  });

  it('server errors come in nynorsk to a reader who asks for it, and in every language beside', () => {
    const body = errorBody('FORBIDDEN', 'nn');
    expect(body.error.message).toBe('Du har ikkje tilgang til dette.');
    expect(Object.keys(body.error.messages).sort()).toEqual(['en', 'nb', 'nn']);
    expect(errorBody('NOT_FOUND', localeOf('nn-NO,nn;q=0.9'.split(',')[0])).error.message).toBe(
      WORDS.nn.errors.NOT_FOUND,
    );
  });
});
