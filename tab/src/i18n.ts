// The tab's words come from the one words module (src/contract/words), shared with the bot, the
// error catalogue and the PDF. Template labels and guide questions stay as the templates have them.
import { createContext, useContext } from 'react';
import {
  fill,
  formatDate,
  formatDateTime,
  listOf,
  periodName,
  plural,
  ratingLabel,
  type Vars,
} from '../../src/contract/words/format.ts';
import { WORDS, type Locale, type Plural, type Words } from '../../src/contract/words/index.ts';

/** The keys of a group of words whose value is one sentence (not a nested group). */
type StringKeys<G> = { [K in keyof G]: G[K] extends string ? K : never }[keyof G];
/** …or one sentence, or its plural forms. */
type PhraseKeys<G> = { [K in keyof G]: G[K] extends string | Plural ? K : never }[keyof G];

export type MessageKey = StringKeys<Words['tab']>;
export type Translate = (key: MessageKey, vars?: Vars) => string;
export type PlanKey = PhraseKeys<Words['tab']['plans']>;

export interface I18nValue {
  t: Translate;
  /** The plan pages' words; a plural phrase is chosen by vars.count. */
  p: (key: PlanKey, vars?: Vars) => string;
  locale: Locale;
  /** Every group of words: status, nextStep, transition, followUp, role, part … */
  words: Words;
  date: (value: string) => string;
  dateTime: (iso: string) => string;
  period: (period: string) => string;
  rating: (option: { id: string; label: string }) => string;
  list: (names: readonly string[]) => string;
  /** A number as the reader writes it ("12,5" in bokmål). */
  number: (n: number) => string;
  /** A number as typed ("12,5", "12.5", "1 000"); null for an empty field, NaN for what is no number. */
  parseNumber: (text: string) => number | null;
}

export function i18nFor(locale: Locale): I18nValue {
  const words = WORDS[locale];
  const numbers = new Intl.NumberFormat(words.meta.tag, { maximumFractionDigits: 2 });
  const decimalComma = numbers
    .formatToParts(1.5)
    .some((part) => part.type === 'decimal' && part.value === ',');
  return {
    t: (key, vars) => fill(words.tab[key], vars),
    p: (key, vars) => {
      const phrase: string | Plural = words.tab.plans[key];
      return typeof phrase === 'string'
        ? fill(phrase, vars)
        : plural(locale, phrase, Number(vars?.count ?? 0), vars);
    },
    locale,
    words,
    date: (value) => formatDate(locale, value),
    dateTime: (iso) => formatDateTime(locale, iso),
    period: (p) => periodName(locale, p),
    rating: (option) => ratingLabel(locale, option),
    list: (names) => listOf(locale, names),
    number: (n) => numbers.format(n),
    parseNumber: (text) => {
      // Spaces (also the narrow no-break space Intl groups thousands with) are not part of a number.
      // A comma is the decimal mark where the language writes one ("12,5"), else a thousands mark.
      const spaced = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[−–]/, '-');
      const plain = decimalComma ? spaced.replace(',', '.') : spaced.replace(/,/g, '');
      if (plain === '') return null;
      return /^-?(\d+\.?\d*|\.\d+)$/.test(plain) ? Number(plain) : NaN;
    },
  };
}

export const I18n = createContext<I18nValue>(i18nFor('nb'));
export const useI18n = () => useContext(I18n);
