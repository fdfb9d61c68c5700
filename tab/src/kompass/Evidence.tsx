// "Fra Samtales egne data": the figures the server counts from Samtale's own records for the areas
// they speak to (src/usecases/kompass-support.ts, `evidence`), grouped by area, each named in words,
// with its value or why it is not shown, and how it is computed in plain words.
import { Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { fill } from '../../../src/contract/words/format.ts';
import type { KompassRoundView, ResultWords } from './Results.tsx';

type Figure = KompassRoundView['evidence'][number];
type FigureId = keyof ResultWords['w']['figure'];
type Grade = keyof ResultWords['w']['grade'];
type Theme = keyof ResultWords['w']['theme'];

/** One item on the page: a figure, or the figures of one kind (per period, per grading) together. */
interface FigureGroup {
  key: string;
  area: number;
  id: FigureId;
  vars: Record<string, string | number>;
  /** One row without a label, or labelled rows (a period, a grading). */
  rows: { label: string | null; figure: Figure }[];
}

const GRADES: readonly Grade[] = ['under', 'som', 'over'];
const isFigureId = (id: string, w: ResultWords['w']): id is FigureId => Object.hasOwn(w.figure, id);
const isTheme = (n: number, w: ResultWords['w']): n is Theme => Object.hasOwn(w.theme, n);

/**
 * The figures as the page shows them. Whatever cannot be said in words (a figure or a part this
 * version of the tab does not know) is left out rather than shown as a code.
 */
function figureGroups(view: KompassRoundView, rw: ResultWords): FigureGroup[] {
  const groups = new Map<string, FigureGroup>();
  const add = (key: string, make: () => Omit<FigureGroup, 'rows'>, row: FigureGroup['rows'][number]) => {
    const group = groups.get(key) ?? { ...make(), rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  };
  for (const figure of view.evidence) {
    const { id, area, part } = figure;
    if (!isFigureId(id, rw.w)) continue;
    if (id === 'goals-reported') {
      // A follow-up period ("2026-Q1"), said as "1. kvartal 2026".
      if (!part || !/^\d{4}(-[QT][1-4])?$/.test(part)) continue;
      add(id, () => ({ key: id, area, id, vars: {} }), { label: rw.period(part), figure });
    } else if (id === 'del1-grading') {
      // A theme's grading ("tema-1-gradering:som"), said as "Tema 1: som forventet".
      const m = /^tema-(\d+)-gradering:(under|som|over)$/.exec(part ?? '');
      const n = Number(m?.[1]);
      const grade = m?.[2] as Grade | undefined;
      if (!grade || !isTheme(n, rw.w)) continue;
      add(`${id}-${n}`, () => ({ key: `${id}-${n}`, area, id, vars: { n, theme: rw.w.theme[n] } }), {
        label: rw.r('grading', { n, grade: rw.w.grade[grade] }),
        figure,
      });
    } else if (part === null) {
      add(id, () => ({ key: id, area, id, vars: {} }), { label: null, figure });
    }
  }
  for (const group of groups.values()) {
    if (group.id === 'del1-grading')
      group.rows.sort(
        (a, b) => GRADES.indexOf(gradeOf(a.figure.part)) - GRADES.indexOf(gradeOf(b.figure.part)),
      );
  }
  return [...groups.values()];
}

const gradeOf = (part: string | null): Grade => (part?.split(':')[1] ?? 'som') as Grade;

/** "60,0 % (6 av 10)", or that it is not shown because fewer than 5 are counted. */
export function figureValue(figure: Figure, rw: ResultWords): string {
  return figure.value === null || figure.numerator === null
    ? rw.r('figureHidden')
    : rw.r('figureValue', {
        value: rw.tenths(figure.value),
        numerator: rw.num(figure.numerator),
        denominator: rw.num(figure.denominator),
      });
}

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))',
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  rows: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  hidden: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  how: {
    marginTop: tokens.spacingVerticalXS,
    '& > summary': {
      cursor: 'pointer',
      color: tokens.colorBrandForegroundLink,
      width: 'fit-content',
      ':focus-visible': {
        outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
        outlineOffset: '2px',
      },
    },
    '& > p': { margin: `${tokens.spacingVerticalXS} 0 0` },
  },
  areaHeading: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}` },
});

export function KompassEvidence({ view, rw }: { view: KompassRoundView; rw: ResultWords }) {
  const styles = useStyles();
  const headingId = useId();
  const groups = figureGroups(view, rw);
  const areas = view.areas.filter((a) => groups.some((g) => g.area === a.number));
  return (
    <section aria-labelledby={headingId} data-kompass-evidence="">
      <Title3 as="h2" id={headingId} block>
        {rw.r('evidenceTitle')}
      </Title3>
      <Text as="p" block>
        {rw.r('evidenceLead', { year: view.year })}
      </Text>
      {areas.length === 0 && (
        <Text as="p" block>
          {rw.r('evidenceNone')}
        </Text>
      )}
      {areas.map((area) => (
        <div key={area.number} data-area={area.number}>
          <Text as="h3" size={400} weight="semibold" block className={styles.areaHeading}>
            {rw.areaName(area)}
          </Text>
          <ul className={styles.list}>
            {groups
              .filter((g) => g.area === area.number)
              .map((g) => (
                <FigureItem key={g.key} group={g} year={view.year} rw={rw} />
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function FigureItem({ group, year, rw }: { group: FigureGroup; year: number; rw: ResultWords }) {
  const styles = useStyles();
  const words = rw.w.figure[group.id];
  const vars = { ...group.vars, year };
  const value = (figure: Figure) => (
    <span className={figure.value === null ? styles.hidden : undefined}>{figureValue(figure, rw)}</span>
  );
  const single = group.rows.length === 1 && group.rows[0]?.label === null ? group.rows[0] : null;
  return (
    <li className={styles.item} data-figure={group.key}>
      <Text weight="semibold" block>
        {fill(words.name, vars)}
      </Text>
      {single ? (
        <Text block>{value(single.figure)}</Text>
      ) : (
        <ul className={styles.rows}>
          {group.rows.map((row) => (
            <li key={row.label}>
              <Text>
                {row.label}: {value(row.figure)}
              </Text>
            </li>
          ))}
        </ul>
      )}
      <details className={styles.how}>
        <summary>{single ? rw.r('how') : rw.r('howMany')}</summary>
        <Text as="p" block>
          {fill(words.how, vars)}
        </Text>
        <Text as="p" block>
          {rw.r('hiddenRule')}
        </Text>
      </details>
    </li>
  );
}
