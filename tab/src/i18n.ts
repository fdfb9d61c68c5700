// The tab's words come from the one words module (src/contract/words), shared with the bot, the
// error catalogue and the PDF. Template labels and guide questions stay as the templates have them.
import { createContext, useContext } from 'react';
import {
  fill,
  formatDate,
  formatDateTime,
  listOf,
  periodName,
  ratingLabel,
  type Vars,
} from '../../src/contract/words/format.ts';
import { WORDS, type Locale, type Words } from '../../src/contract/words/index.ts';

export type MessageKey = keyof Words['tab'];
export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface I18nValue {
  t: Translate;
  locale: Locale;
  /** Every group of words: status, nextStep, transition, followUp, role, part … */
  words: Words;
  date: (value: string) => string;
  dateTime: (iso: string) => string;
  period: (period: string) => string;
  rating: (option: { id: string; label: string }) => string;
  list: (names: readonly string[]) => string;
}

export function i18nFor(locale: Locale): I18nValue {
  const words = WORDS[locale];
  return {
    t: (key, vars) => fill(words.tab[key], vars),
    locale,
    words,
    date: (value) => formatDate(locale, value),
    dateTime: (iso) => formatDateTime(locale, iso),
    period: (p) => periodName(locale, p),
    rating: (option) => ratingLabel(locale, option),
    list: (names) => listOf(locale, names),
  };
}

export const I18n = createContext<I18nValue>(i18nFor('nb'));
export const useI18n = () => useContext(I18n);
