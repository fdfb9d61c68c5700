// Kommunekompasset: a round's results as its reader sees them – the areas in two charts, each with a
// summary sentence and a table of the same numbers; Samtale's own figures; and the groups' input. The
// charts (and their library) load when the results are first shown.
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useMemo } from 'react';
import type { ResponseOf } from '../../../src/contract/endpoints.ts';
import { fill, plural, type Vars } from '../../../src/contract/words/format.ts';
import type { Plural, Words } from '../../../src/contract/words/index.ts';
import { useI18n } from '../i18n.ts';
import { KompassEvidence } from './Evidence.tsx';
import { KompassInputSummary } from './InputSummary.tsx';

const KompassCharts = lazy(() => import('./Charts.tsx').then((m) => ({ default: m.KompassCharts })));

export type KompassRoundView = ResponseOf<'getKompassRound'>;
export type KompassArea = KompassRoundView['areas'][number];

type Group = Words['tab']['kompassResults'];
type PhraseKey = { [K in keyof Group]: Group[K] extends string | Plural ? K : never }[keyof Group];

/** The results' words and numbers, made once here and handed to each part. */
function useResultWords() {
  const i18n = useI18n();
  const { locale, words } = i18n;
  return useMemo(() => {
    const w = words.tab.kompassResults;
    const upTo1 = new Intl.NumberFormat(words.meta.tag, { maximumFractionDigits: 1 });
    const exactly1 = new Intl.NumberFormat(words.meta.tag, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const r = (key: PhraseKey, vars?: Vars): string => {
      const phrase: string | Plural = w[key];
      return typeof phrase === 'string'
        ? fill(phrase, vars)
        : plural(locale, phrase, Number(vars?.count ?? 0), vars);
    };
    return {
      w,
      r,
      /** The groups' names, shared with the round page and the report. */
      groups: words.kompassGroup,
      locale,
      /** The BCP 47 tag the charts format numbers with ("nn-NO"). */
      tag: words.meta.tag,
      period: i18n.period,
      list: i18n.list,
      /** Points or a share as the reader writes them, at most one decimal ("87", "73,5"). */
      num: (n: number) => upTo1.format(n),
      /** A share with its one decimal always written ("60,0"). */
      tenths: (n: number) => exactly1.format(n),
      areaName: (area: { number: number; title: string }) =>
        fill(w.area, { number: area.number, title: area.title }),
    };
  }, [i18n, locale, words]);
}

export type ResultWords = ReturnType<typeof useResultWords>;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXL,
    marginTop: tokens.spacingVerticalL,
    minWidth: 0,
  },
});

export function KompassResults({ view }: { view: KompassRoundView }) {
  const styles = useStyles();
  const rw = useResultWords();
  return (
    <div className={styles.root} data-kompass-results="">
      <Suspense fallback={<Spinner size="small" label={rw.r('loadingCharts')} />}>
        <KompassCharts view={view} rw={rw} />
      </Suspense>
      <KompassEvidence view={view} rw={rw} />
      <KompassInputSummary view={view} rw={rw} />
    </div>
  );
}
