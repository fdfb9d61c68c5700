// "Den røde tråden": the goals of the plans I may read for a year, as a tree from the municipality's
// goals down through the units' goals that serve them, each with its latest report, the roll-up of the
// goals below it, and the personal goals linked to it (counts only, never below 3; my own by name).
import { Field, Select, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReplyOf } from '../../../src/contract/endpoints.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice, PageTitle, RouterLink } from './common.tsx';

type ThreadGoal = ReplyOf<'getRedThread'>['goals'][number];
interface Node {
  goal: ThreadGoal;
  below: Node[];
}

const useStyles = makeStyles({
  lead: { maxWidth: '60rem', marginBottom: tokens.spacingVerticalM },
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
  },
  year: { maxWidth: '12rem' },
  units: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalXL },
  unitHeading: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase500 },
  // The thread itself: each level of goals hangs from a red line on its left.
  goals: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
  },
  below: {
    marginTop: tokens.spacingVerticalM,
    paddingLeft: 'clamp(8px, 3vw, 24px)',
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteRedBorder2}`,
  },
  goal: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'anywhere',
  },
  context: {
    borderTopStyle: 'dashed',
    borderRightStyle: 'dashed',
    borderBottomStyle: 'dashed',
    borderLeftStyle: 'dashed',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  heading: {
    margin: `0 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  facts: { margin: 0, padding: 0, listStyle: 'none', display: 'grid', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  yours: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

/** The tree from the flat list: a goal whose goal above is not shown is at the top, in the API's order. */
function treeOf(goals: readonly ThreadGoal[]): Node[] {
  const nodes = new Map(goals.map((g) => [g.id, { goal: g, below: [] as Node[] }]));
  const top: Node[] = [];
  for (const g of goals) {
    const node = nodes.get(g.id);
    if (!node) continue;
    const above = g.servesId ? nodes.get(g.servesId) : undefined;
    if (above) above.below.push(node);
    else top.push(node);
  }
  return top;
}

/** The top goals by unit, the units in the order their first goal comes. */
function byUnit(top: readonly Node[]): { unit: ThreadGoal['unit']; goals: Node[] }[] {
  const groups = new Map<string, { unit: ThreadGoal['unit']; goals: Node[] }>();
  for (const n of top) {
    const group = groups.get(n.goal.unit.id) ?? { unit: n.goal.unit, goals: [] };
    group.goals.push(n);
    groups.set(n.goal.unit.id, group);
  }
  return [...groups.values()];
}

function yearInAddress(): number | null {
  const y = Number(new URLSearchParams(window.location.search).get('year'));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null;
}

export function RedThreadPage({ api }: { api: Api }) {
  const styles = useStyles();
  const { p, t } = useI18n();
  const [year, setYear] = useState<number>(() => yearInAddress() ?? new Date().getFullYear());
  const [goals, setGoals] = useState<ThreadGoal[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    api.call('getRedThread', { query: { year } }).then(
      (r) => setGoals(r.goals),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, year]);
  useEffect(load, [load]);

  const units = useMemo(() => (goals ? byUnit(treeOf(goals)) : []), [goals]);
  const base = new Date().getFullYear();
  const years = [...new Set([base - 2, base - 1, base, base + 1, year])].sort((a, b) => a - b);

  const choose = (y: number) => {
    setGoals(null);
    setYear(y);
    // The address keeps the year, so a reload or a shared link shows the same one.
    const params = new URLSearchParams(window.location.search);
    params.set('year', String(y));
    window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
  };

  return (
    <section>
      {/* The year is the choice below, not the title: a new title would take the focus from it. */}
      <PageTitle>{p('redThread')}</PageTitle>
      <Text as="p" block className={styles.lead}>
        {p('redThreadLead')}
      </Text>
      <div className={styles.top}>
        <Field label={p('year')} className={styles.year}>
          <Select value={String(year)} onChange={(_, d) => choose(Number(d.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        <Text as="p" block style={{ margin: 0 }}>
          <RouterLink href="/plans">{p('backToList')}</RouterLink>
        </Text>
      </div>
      {error && <ErrorNotice message={error} />}
      {!goals && !error && <Spinner label={t('loading')} />}
      {goals?.length === 0 && <Text block>{p('redThreadEmpty', { year })}</Text>}
      {goals && goals.length > 0 && (
        <ul className={styles.units}>
          {units.map((u) => (
            <li key={u.unit.id}>
              <h2 className={styles.unitHeading}>{u.unit.name}</h2>
              <ul className={styles.goals}>
                {u.goals.map((n) => (
                  <GoalItem key={n.goal.id} node={n} level={3} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GoalItem({ node, level }: { node: Node; level: number }) {
  const styles = useStyles();
  const { p, words, period } = useI18n();
  const g = node.goal;
  const Heading = `h${Math.min(level, 6)}` as 'h3';
  const r = g.rollup;
  const total = r.reached + r.on_track + r.uncertain + r.not_reached + r.unreported;
  const parts = [
    r.reached && p('rollupReached', { count: r.reached }),
    r.on_track && p('rollupOnTrack', { count: r.on_track }),
    r.uncertain && p('rollupUncertain', { count: r.uncertain }),
    r.not_reached && p('rollupNotReached', { count: r.not_reached }),
    r.unreported && p('rollupUnreported', { count: r.unreported }),
  ].filter((x): x is string => typeof x === 'string');
  const personal =
    g.personal.total === null
      ? p('personalFew')
      : g.personal.achieved === null
        ? p('personalFewAchieved', { count: g.personal.total })
        : p('personalCounted', { count: g.personal.total, achieved: g.personal.achieved });

  return (
    <li>
      <article className={mergeClasses(styles.goal, !g.readable && styles.context)}>
        <Heading className={styles.heading}>{g.goal}</Heading>
        <ul className={styles.facts}>
          <li>{p('threadUnit', { unit: g.unit.name })}</li>
          <li>{g.owner ? p('threadOwner', { name: g.owner.name }) : p('threadNoOwner')}</li>
          <li>
            {g.latest
              ? p('threadLatest', {
                  status: words.goalStatus[g.latest.status],
                  period: period(g.latest.period),
                })
              : p('threadUnreported')}
          </li>
          {node.below.length > 0 && (
            <li>{p('threadRollup', { goals: p('goalCount', { count: total }), parts: parts.join(', ') })}</li>
          )}
          <li>{personal}</li>
          {g.readable ? (
            <li>
              <RouterLink href={`/plans/${g.planId}`}>
                {p('threadPlanLink', { unit: g.unit.name })}
              </RouterLink>
            </li>
          ) : (
            <li className={styles.muted}>{p('threadContext')}</li>
          )}
        </ul>
        {g.yours.length > 0 && (
          <>
            <Text as="p" block weight="semibold" style={{ marginTop: tokens.spacingVerticalS }}>
              {p('yoursTitle')}
            </Text>
            <ul className={styles.yours}>
              {g.yours.map((y) => (
                <li key={y.key}>
                  <RouterLink href={`/conversations/${y.conversationId}`}>
                    {y.status === null
                      ? y.title
                        ? p('yourGoal', { title: y.title })
                        : p('yourGoalUnwritten')
                      : p('yourItem', { title: y.title, status: words.followUp[y.status] })}
                  </RouterLink>
                </li>
              ))}
            </ul>
          </>
        )}
      </article>
      {node.below.length > 0 && (
        <ul
          className={mergeClasses(styles.goals, styles.below)}
          aria-label={p('threadBelow', { goal: g.goal })}
        >
          {node.below.map((n) => (
            <GoalItem key={n.goal.id} node={n} level={level + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
