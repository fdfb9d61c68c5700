// The round's eight areas in two charts from @fluentui/react-charts (Fluent UI v9's own charts, drawn
// with the theme's tokens): a radar (PolarChart with polygon grid lines) of each area as a share of its
// maximum, and a grouped bar chart of the points against the previous round and the reference
// municipality. Each chart has a heading, one summary sentence, a key that tells the series apart by
// line pattern as well as colour, and a table of the same numbers under it. An area this round has not
// agreed yet is said in words ("ikke omforent ennå"), never drawn as 0.
import {
  GroupedVerticalBarChart,
  PolarChart,
  type GroupedVerticalBarChartData,
  type LineChartLineOptions,
  type LinePolarSeries,
} from '@fluentui/react-charts';
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { KompassArea, KompassRoundView, ResultWords } from './Results.tsx';

type SeriesKey = 'round' | 'previous' | 'reference';

/** A series as the charts, the key and the tables share it: points per area, in the view's order. */
interface Series {
  key: SeriesKey;
  name: string;
  points: (number | null)[];
}

/**
 * Colours from the theme's tokens, so each holds 3:1 or more against the background in the light and
 * dark themes (and becomes the system colour in high contrast); the line pattern and the key tell the
 * series apart where colour cannot.
 */
const LOOK: Record<SeriesKey, { colour: string; width: number; dash: string | undefined; marker: number }> = {
  round: { colour: tokens.colorBrandForeground1, width: 3, dash: undefined, marker: 6 },
  previous: { colour: tokens.colorPaletteMarigoldForeground2, width: 2, dash: '8 4', marker: 4.5 },
  reference: { colour: tokens.colorNeutralForeground3, width: 2, dash: '2 3', marker: 3 },
};

/**
 * The polar chart draws its markers 2 px wide unless their sizes differ, and then scales them from 2 to
 * 16 px between the smallest and largest size given. Two points it cannot place (no radius) carry those
 * two sizes, so that every other marker is drawn with its size in pixels: an area agreed between two
 * that are not shows as a dot big enough to see.
 */
const MARKER_SCALE = [2, 16].map((markerSize) => ({ r: Number.NaN, markerSize }));

/** From this width the charts name each area in full; narrower, by its number (the table names it). */
const WIDE = 640;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  summary: { fontWeight: tokens.fontWeightSemibold },
  chart: {
    width: '100%',
    minWidth: 0,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    boxSizing: 'border-box',
  },
  key: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  keyItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  swatch: { flexShrink: 0 },
  tableWrap: { overflowX: 'auto', maxWidth: '100%' },
  number: { whiteSpace: 'nowrap' },
  note: { color: tokens.colorNeutralForeground2 },
});

export function KompassCharts({ view, rw }: { view: KompassRoundView; rw: ResultWords }) {
  const series = seriesOf(view, rw);
  return (
    <>
      <RadarSection view={view} rw={rw} series={series} />
      <BarSection view={view} rw={rw} series={series} />
    </>
  );
}

function seriesOf(view: KompassRoundView, rw: ResultWords): Series[] {
  return [
    {
      key: 'round',
      name: rw.r('thisRound', { year: view.year }),
      points: view.areas.map((a) => a.sums.agreed),
    },
    ...(view.previous
      ? [
          {
            key: 'previous' as const,
            name: rw.r('previousRound', { year: view.previous.year }),
            points: view.areas.map((_, i) => view.previous?.areas[i] ?? null),
          },
        ]
      : []),
    {
      key: 'reference',
      name: rw.r('reference', { name: view.reference.name }),
      points: view.areas.map((_, i) => view.reference.reported[i] ?? null),
    },
  ];
}

const share = (points: number, area: KompassArea) => (area.max > 0 ? (points / area.max) * 100 : 0);

/** The highest and lowest agreed areas, by a measure (points, or share of the maximum). */
function extremes(view: KompassRoundView, measure: (a: KompassArea, points: number) => number) {
  const agreed = view.areas.flatMap((a) =>
    a.sums.agreed === null ? [] : [{ a, v: measure(a, a.sums.agreed) }],
  );
  const high = agreed.reduce<(typeof agreed)[number] | null>(
    (m, x) => (m === null || x.v > m.v ? x : m),
    null,
  );
  const low = agreed.reduce<(typeof agreed)[number] | null>(
    (m, x) => (m === null || x.v < m.v ? x : m),
    null,
  );
  return { agreed, high, low, missing: view.areas.length - agreed.length };
}

/** The clauses of a summary as one sentence. */
const sentence = (parts: string[]) => `${parts.join('; ')}.`;

function missingClause(view: KompassRoundView, rw: ResultWords, missing: number): string[] {
  return missing > 0 ? [rw.r('summaryMissing', { count: missing, total: view.areas.length })] : [];
}

function radarSummary(view: KompassRoundView, rw: ResultWords, series: Series[]): string {
  const { agreed, high, low, missing } = extremes(view, (a, points) => share(points, a));
  const others = rw.list(series.filter((s) => s.key !== 'round').map((s) => s.name));
  if (!high || !low) return sentence([rw.r('summaryNone', { series: others })]);
  return sentence([
    agreed.length === 1
      ? rw.r('summaryShareOnly', { area: high.a.title, share: rw.num(high.v) })
      : rw.r('summaryShareHighLow', {
          high: high.a.title,
          highShare: rw.num(high.v),
          low: low.a.title,
          lowShare: rw.num(low.v),
        }),
    ...missingClause(view, rw, missing),
  ]);
}

function barSummary(view: KompassRoundView, rw: ResultWords, series: Series[]): string {
  const { agreed, high, low, missing } = extremes(view, (_, points) => points);
  const round = series.find((s) => s.key === 'round');
  const others = series.filter((s) => s.key !== 'round');
  if (!high || !low || !round)
    return sentence([rw.r('compareNone', { series: rw.list(others.map((s) => s.name)) })]);
  const parts = [
    agreed.length === 1
      ? rw.r('summaryOnly', { area: high.a.title, score: rw.num(high.v), max: rw.num(high.a.max) })
      : rw.r('summaryHighLow', {
          high: high.a.title,
          highScore: rw.num(high.v),
          max: rw.num(high.a.max),
          low: low.a.title,
          lowScore: rw.num(low.v),
        }),
  ];
  for (const other of others) {
    const counts = { higher: 0, lower: 0, same: 0 };
    round.points.forEach((mine, i) => {
      const theirs = other.points[i];
      if (mine === null || theirs === null || theirs === undefined) return;
      counts[mine > theirs ? 'higher' : mine < theirs ? 'lower' : 'same']++;
    });
    const count = counts.higher + counts.lower + counts.same;
    if (count === 0) continue;
    const said = [
      ...(counts.higher ? [rw.r('higherIn', { n: rw.num(counts.higher) })] : []),
      ...(counts.lower ? [rw.r('lowerIn', { n: rw.num(counts.lower) })] : []),
      ...(counts.same ? [rw.r('sameIn', { n: rw.num(counts.same) })] : []),
    ];
    const name =
      other.key === 'previous' && view.previous
        ? rw.r('comparePrevious', { year: view.previous.year })
        : view.reference.name;
    parts.push(rw.r('compare', { other: name, parts: rw.list(said), count }));
  }
  return sentence([...parts, ...missingClause(view, rw, missing)]);
}

/** The width a chart has to draw in, following the window (a Teams panel, a phone turned). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.getBoundingClientRect().width));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The chart library names its regions and bar groups in English ("Polar chart with 3 data series");
 * this says them in the reader's language, in the order the chart draws them. It runs after every
 * render; React leaves an attribute alone while the library's own value for it does not change.
 */
function useChartLabels(
  ref: RefObject<HTMLElement | null>,
  chart: string,
  parts: string[],
  selector: string,
) {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    root.querySelector('svg')?.setAttribute('aria-label', chart);
    root.querySelectorAll(selector).forEach((el, i) => {
      const label = parts[i];
      if (label) el.setAttribute('aria-label', label);
    });
  });
}

/** The key: each series' name beside a sample of its line or bar. */
function Key({ series, kind, label }: { series: Series[]; kind: 'line' | 'bar'; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.key} aria-label={label}>
      {series.map((s) => {
        const look = LOOK[s.key];
        return (
          <li key={s.key} className={styles.keyItem}>
            <svg className={styles.swatch} width="32" height="14" aria-hidden="true" focusable="false">
              {kind === 'line' ? (
                <>
                  <line
                    x1="1"
                    y1="7"
                    x2="31"
                    y2="7"
                    stroke={look.colour}
                    strokeWidth={look.width}
                    strokeDasharray={look.dash}
                  />
                  <circle cx="16" cy="7" r={look.marker} fill={look.colour} />
                </>
              ) : (
                <rect x="9" y="1" width="14" height="12" fill={look.colour} />
              )}
            </svg>
            <Text>{s.name}</Text>
          </li>
        );
      })}
    </ul>
  );
}

/** Runs of areas in a row (around the circle) that have a value: a line is drawn through each run only. */
function runs<T>(items: (T | null)[]): T[][] {
  const n = items.length;
  const at = (i: number) => items[((i % n) + n) % n] ?? null;
  if (items.every((x) => x !== null)) return [items];
  const out: T[][] = [];
  for (let start = 0; start < n; start++) {
    if (at(start) === null || at(start - 1) !== null) continue;
    const run: T[] = [];
    for (let i = start, x = at(i); x !== null && run.length < n; x = at(++i)) run.push(x);
    out.push(run);
  }
  return out;
}

type Curve = Extract<NonNullable<LineChartLineOptions['curve']>, (...args: never[]) => unknown>;

/** A straight line through the points that closes back to the first: the radar's polygon. */
const closedLine: Curve = (context) => {
  let started = false;
  return {
    areaStart() {},
    areaEnd() {},
    lineStart() {
      started = false;
    },
    lineEnd() {
      if (started) context.closePath();
    },
    point(x: number, y: number) {
      if (started) context.lineTo(x, y);
      else {
        context.moveTo(x, y);
        started = true;
      }
    },
  };
};

function RadarSection({ view, rw, series }: { view: KompassRoundView; rw: ResultWords; series: Series[] }) {
  const styles = useStyles();
  const headingId = useId();
  const title = rw.r('radarTitle');
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const wide = width >= WIDE;
  const labelOf = (a: KompassArea) => (wide ? rw.areaName(a) : String(a.number));
  const labels = view.areas.map(labelOf);
  // Drawn from the back: the reference, the previous round, then this round on top.
  const drawn = [...series].reverse();
  const data: LinePolarSeries[] = [];
  const parts: string[] = [];
  for (const s of drawn) {
    const look = LOOK[s.key];
    const complete = s.points.every((p) => p !== null);
    const values = view.areas.map((area, i) => {
      const points = s.points[i] ?? null;
      return points === null ? null : { area, label: labelOf(area), value: share(points, area) };
    });
    for (const run of runs(values)) {
      data.push({
        type: 'linepolar',
        legend: s.name,
        color: look.colour,
        lineOptions: {
          strokeWidth: look.width,
          strokeDasharray: look.dash,
          ...(complete ? { curve: closedLine } : {}),
        },
        data: run.map(({ area, label, value }) => {
          const text = rw.r('share', { value: rw.num(value) });
          return {
            r: value,
            theta: label,
            markerSize: look.marker,
            radialAxisCalloutData: text,
            angularAxisCalloutData: rw.areaName(area),
            callOutAccessibilityData: {
              ariaLabel: rw.r('pointLabel', { area: rw.areaName(area), series: s.name, value: text }),
            },
          };
        }),
      });
      parts.push(rw.r('seriesLabel', { series: s.name, count: run.length }));
    }
  }
  const first = data[0];
  if (first) first.data = [...first.data, ...MARKER_SCALE.map((p) => ({ ...p, theta: labels[0] ?? '' }))];
  useChartLabels(
    box,
    rw.r('chartLabel', { title, series: rw.list(series.map((s) => s.name)) }),
    parts,
    'svg g[role="region"]',
  );
  // Room beside the circle for the areas' names (about 7 px a letter at the chart's 12 px).
  const side = wide ? 16 + Math.max(...labels.map((l) => l.length)) * 7 : 40;
  const diameter = Math.max(160, Math.min(width - 2 * side, 460));
  // No tick at 100 %: the outer edge is full score (the lead says so), and area 1's name sits there.
  const ticks = [25, 50, 75];
  return (
    <section aria-labelledby={headingId} className={styles.section} data-kompass-chart="radar">
      <Title3 as="h2" id={headingId} block className={styles.heading}>
        {title}
      </Title3>
      <Text as="p" block>
        {rw.r('radarLead')}
      </Text>
      <Text as="p" block className={styles.summary} data-summary="">
        {radarSummary(view, rw, series)}
      </Text>
      <Key series={series} kind="line" label={rw.r('legend', { title })} />
      <div ref={box} className={styles.chart}>
        {width > 0 && (
          <PolarChart
            data={data}
            width={width}
            height={diameter + 60}
            margins={{ left: side, right: side, top: 30, bottom: 30 }}
            shape="polygon"
            direction="clockwise"
            hideLegend
            chartTitle={title}
            culture={rw.tag}
            radialAxis={{
              rangeStart: 0,
              rangeEnd: 100,
              tickValues: ticks,
              tickText: ticks.map((t) => rw.r('share', { value: rw.num(t) })),
            }}
            angularAxis={{ categoryOrder: labels }}
          />
        )}
      </div>
      <RadarTable view={view} rw={rw} series={series} title={title} />
      <ReferenceNotes view={view} rw={rw} />
    </section>
  );
}

function RadarTable({
  view,
  rw,
  series,
  title,
}: {
  view: KompassRoundView;
  rw: ResultWords;
  series: Series[];
  title: string;
}) {
  const cell = (s: Series, area: KompassArea, i: number) => {
    const points = s.points[i] ?? null;
    if (points === null) return rw.r(s.key === 'round' ? 'notAgreed' : 'previousNotAgreed');
    const reported = rw.num(share(points, area));
    const computed = view.reference.computed[i];
    if (s.key === 'reference' && computed !== undefined && computed !== points)
      return rw.r('shareWithComputed', { reported, computed: rw.num(share(computed, area)) });
    return rw.r('share', { value: reported });
  };
  return <SeriesTable view={view} rw={rw} series={series} title={title} kind="radar" cell={cell} />;
}

/** A chart's numbers as a table: a row per area, a column per series (and any extra column and total row). */
function SeriesTable({
  view,
  rw,
  series,
  title,
  kind,
  cell,
  extra,
  total,
}: {
  view: KompassRoundView;
  rw: ResultWords;
  series: Series[];
  title: string;
  kind: 'radar' | 'bars';
  cell: (s: Series, area: KompassArea, i: number) => string;
  extra?: { key: string; name: string; cell: (area: KompassArea, i: number) => string; total: string };
  total?: (s: Series) => string;
}) {
  const styles = useStyles();
  const label = rw.r('tableLabel', { title });
  return (
    <div className={styles.tableWrap}>
      <Table className="stack" size="small" aria-label={label} data-table={kind}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{rw.r('colArea')}</TableHeaderCell>
            {series.map((s) => (
              <TableHeaderCell key={s.key}>{s.name}</TableHeaderCell>
            ))}
            {extra && <TableHeaderCell>{extra.name}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.areas.map((area, i) => (
            <TableRow key={area.number} data-area={area.number}>
              <TableCell data-label={rw.r('colArea')}>{rw.areaName(area)}</TableCell>
              {series.map((s) => (
                <TableCell key={s.key} data-label={s.name} data-series={s.key}>
                  {cell(s, area, i)}
                </TableCell>
              ))}
              {extra && (
                <TableCell data-label={extra.name} data-series={extra.key}>
                  {extra.cell(area, i)}
                </TableCell>
              )}
            </TableRow>
          ))}
          {total && (
            <TableRow data-area="total">
              <TableCell data-label={rw.r('colArea')}>
                <Text weight="semibold">{rw.r('total')}</Text>
              </TableCell>
              {series.map((s) => (
                <TableCell key={s.key} data-label={s.name} data-series={s.key}>
                  {total(s)}
                </TableCell>
              ))}
              {extra && (
                <TableCell data-label={extra.name} data-series={extra.key}>
                  {extra.total}
                </TableCell>
              )}
            </TableRow>
          )}
        </TableBody>
      </Table>
    </div>
  );
}

/** Where the reference reports an area score its own sub-areas do not sum to: both, and that it differs. */
function ReferenceNotes({ view, rw }: { view: KompassRoundView; rw: ResultWords }) {
  const styles = useStyles();
  const notes = view.areas.flatMap((area, i) => {
    const reported = view.reference.reported[i];
    const computed = view.reference.computed[i];
    return reported === undefined || computed === undefined || reported === computed
      ? []
      : [
          rw.r('referenceNote', {
            name: view.reference.name,
            reported: rw.num(reported),
            area: rw.areaName(area),
            computed: rw.num(computed),
          }),
        ];
  });
  return (
    <>
      {notes.map((note) => (
        <Text as="p" block key={note} className={styles.note} data-reference-note="">
          {note}
        </Text>
      ))}
    </>
  );
}

function BarSection({ view, rw, series }: { view: KompassRoundView; rw: ResultWords; series: Series[] }) {
  const styles = useStyles();
  const headingId = useId();
  const title = rw.r('barTitle');
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const wide = width >= WIDE;
  // Every series has a point in every area, in the key's order, so that each keeps its place in
  // every group: where it has no value the point is 0, which the chart leaves empty (the table and
  // the summary say why), and nothing is drawn as a score of 0.
  const data: GroupedVerticalBarChartData[] = view.areas.map((area, i) => ({
    name: wide ? rw.areaName(area) : String(area.number),
    series: series.map((s) => {
      const points = s.points[i] ?? null;
      const look = { key: s.key, legend: s.name, color: LOOK[s.key].colour };
      if (points === null) return { ...look, data: 0 };
      const text = rw.r('points', { score: rw.num(points), max: rw.num(area.max) });
      return {
        ...look,
        data: points,
        xAxisCalloutData: rw.areaName(area),
        yAxisCalloutData: text,
        ...(wide ? { barLabel: rw.num(points) } : {}),
        callOutAccessibilityData: {
          ariaLabel: rw.r('pointLabel', { area: rw.areaName(area), series: s.name, value: text }),
        },
      };
    }),
  }));
  const max = Math.max(...view.areas.map((a) => a.max));
  useChartLabels(
    box,
    rw.r('chartLabel', { title, series: rw.list(series.map((s) => s.name)) }),
    view.areas.map((area, i) =>
      rw.r('groupLabel', {
        area: rw.areaName(area),
        count: series.filter((s) => (s.points[i] ?? null) !== null).length,
      }),
    ),
    'svg g[role="listbox"]',
  );
  const lead = view.previous
    ? rw.r('barLead', { name: view.reference.name })
    : rw.r('barLeadNoPrevious', { name: view.reference.name });
  return (
    <section aria-labelledby={headingId} className={styles.section} data-kompass-chart="bars">
      <Title3 as="h2" id={headingId} block className={styles.heading}>
        {title}
      </Title3>
      <Text as="p" block>
        {lead} {rw.r('barOrder')}
      </Text>
      <Text as="p" block className={styles.summary} data-summary="">
        {barSummary(view, rw, series)}
      </Text>
      <Key series={series} kind="bar" label={rw.r('legend', { title })} />
      <div ref={box} className={styles.chart}>
        {width > 0 && (
          <GroupedVerticalBarChart
            data={data}
            width={width}
            height={wide ? 400 : 320}
            hideLegend
            hideLabels
            chartTitle={title}
            culture={rw.tag}
            yMaxValue={max}
            yMinValue={0}
            yAxisTickCount={5}
            wrapXAxisLables={wide}
            barWidth="auto"
            maxBarWidth={28}
          />
        )}
      </div>
      <BarTable view={view} rw={rw} series={series} title={title} />
      <ReferenceNotes view={view} rw={rw} />
    </section>
  );
}

function BarTable({
  view,
  rw,
  series,
  title,
}: {
  view: KompassRoundView;
  rw: ResultWords;
  series: Series[];
  title: string;
}) {
  const computedName = rw.r('referenceComputed', { name: view.reference.name });
  const points = (value: number | null | undefined, max: number, missing: string) =>
    value === null || value === undefined
      ? missing
      : rw.r('points', { score: rw.num(value), max: rw.num(max) });
  const missingOf = (s: Series) => rw.r(s.key === 'round' ? 'notAgreed' : 'previousNotAgreed');
  /** The sum where every value is there, else none. */
  const sum = (values: (number | null | undefined)[]) =>
    values.reduce<number | null>((n, v) => (n === null || v === null || v === undefined ? null : n + v), 0);
  return (
    <SeriesTable
      view={view}
      rw={rw}
      series={series}
      title={title}
      kind="bars"
      cell={(s, area, i) => points(s.points[i], area.max, missingOf(s))}
      extra={{
        key: 'reference-computed',
        name: computedName,
        cell: (area, i) => points(view.reference.computed[i], area.max, rw.r('previousNotAgreed')),
        total: points(sum(view.reference.computed), view.max, rw.r('previousNotAgreed')),
      }}
      total={(s) =>
        s.key === 'round'
          ? points(view.total, view.max, rw.r('totalPending'))
          : points(sum(s.points), view.max, missingOf(s))
      }
    />
  );
}
