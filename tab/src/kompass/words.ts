// Kommunekompasset's words and numbers in the tab: the tab.kompass group (a plural phrase chosen by
// vars.count), and points as the reader writes them ("35,3" in bokmål, always one decimal).
import { useMemo } from 'react';
import type { ResponseOf } from '../../../src/contract/endpoints.ts';
import { fill, plural, type Vars } from '../../../src/contract/words/format.ts';
import type { Plural, Words } from '../../../src/contract/words/index.ts';
import { KOMPASS_AREAS } from '../../../src/domain/templates/kommunekompass.ts';
import { useI18n } from '../i18n.ts';

export type RoundView = ResponseOf<'getKompassRound'>;
export type RoundList = ResponseOf<'listKompassRounds'>;
export type RoundArea = RoundView['areas'][number];
export type RoundSubArea = RoundArea['subAreas'][number];
export type Person = RoundList['people'][number];

/** The most a round can score: every sub-area's maximum (800). */
export const KOMPASS_MAX = KOMPASS_AREAS.reduce((n, a) => n + a.subAreas.reduce((m, s) => m + s.max, 0), 0);

type KompassWords = Words['tab']['kompass'];
type PhraseKey = {
  [K in keyof KompassWords]: KompassWords[K] extends string | Plural ? K : never;
}[keyof KompassWords];

export function useKompassWords() {
  const i18n = useI18n();
  const { locale, words } = i18n;
  return useMemo(() => {
    const group = words.tab.kompass;
    const tenths = new Intl.NumberFormat(words.meta.tag, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    return {
      ...i18n,
      kw: group,
      /** A phrase of the group; a plural one is chosen by vars.count. */
      k: (key: PhraseKey, vars?: Vars): string => {
        const phrase: string | Plural = group[key];
        return typeof phrase === 'string'
          ? fill(phrase, vars)
          : plural(locale, phrase, Number(vars?.count ?? 0), vars);
      },
      /** Points with one decimal: 35,3 and 30,0. */
      points: (n: number) => tenths.format(n),
    };
  }, [i18n, locale, words]);
}
