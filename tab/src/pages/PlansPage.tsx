// "Virksomhetsplaner": the units whose plan I may read, each with its plan for the year in words (its
// stage, how many goals, how many lack an Ansvarsperson or a Resultatindikator, how many are reported
// in each follow-up period that has begun), and a draft to start where the server says I may; a link
// to the red thread of the chosen year.
import {
  Button,
  Field,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { PlanStatusBadge } from '../plan/PlanStatusBadge.tsx';
import type { PlanSummary } from '../plan/types.ts';
import { navigate } from '../router.ts';
import { ErrorNotice, PageTitle, RouterLink } from './common.tsx';

const useStyles = makeStyles({
  lead: { maxWidth: '60rem', marginBottom: tokens.spacingVerticalM },
  year: { maxWidth: '12rem', marginBottom: tokens.spacingVerticalM },
  thread: { margin: `0 0 ${tokens.spacingVerticalL}` },
  lacks: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  // One fact a line: a cell with several (each period, each kind of lack) reads as a short list.
  lines: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalXS,
  },
});

/**
 * The follow-up periods of a plan's year that have begun by today. The server lists them in order, and
 * they split the year evenly (quarters, tertials), so the i-th of n begins in month 12·i/n: no period
 * code is read here.
 */
function begunPeriods<P>(periods: readonly P[], year: number, today: Date): P[] {
  const thisYear = today.getFullYear();
  if (year !== thisYear) return year < thisYear ? [...periods] : [];
  return periods.filter((_, i) => today.getMonth() >= (i * 12) / periods.length);
}

export function PlansPage({ api }: { api: Api }) {
  const styles = useStyles();
  const { p, t, period } = useI18n();
  // The year is the server's until one is chosen: the list answers for its current year.
  const [year, setYear] = useState<number | null>(null);
  const [thisYear, setThisYear] = useState<number | null>(null);
  const [rows, setRows] = useState<PlanSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    api.call('listPlans', year === null ? {} : { query: { year } }).then(
      (r) => {
        setRows(r.plans);
        setThisYear((y) => y ?? r.plans[0]?.year ?? new Date().getFullYear());
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, year]);
  useEffect(load, [load]);

  const draft = (row: PlanSummary) => {
    setBusy(row.unit.id);
    setError(null);
    api.call('draftPlan', { body: { unitId: row.unit.id, year: row.year } }).then(
      (plan) => navigate(`/plans/${plan.id}`),
      (e: unknown) => {
        setBusy(null);
        setError(errorText(e));
        load();
      },
    );
  };

  const base = thisYear ?? new Date().getFullYear();
  const years = [base - 2, base - 1, base, base + 1];
  const anyDraft = rows?.some((r) => r.canDraft) ?? false;
  const today = new Date();

  // What the plan's goals lack, one kind a line; a goal that lacks only its date is said as that.
  const lacking = (plan: NonNullable<PlanSummary['plan']>) => {
    if (plan.incompleteGoals === 0) return p('lacksNone');
    const lines =
      plan.withoutOwner + plan.withoutIndicator === 0
        ? [p('lacksDue', { count: plan.incompleteGoals })]
        : [
            ...(plan.withoutOwner > 0 ? [p('lacksOwner', { count: plan.withoutOwner })] : []),
            ...(plan.withoutIndicator > 0 ? [p('lacksIndicator', { count: plan.withoutIndicator })] : []),
          ];
    return (
      <span className={styles.lines}>
        {lines.map((line) => (
          <Text key={line} className={styles.lacks}>
            {line}
          </Text>
        ))}
      </span>
    );
  };

  // How many goals are reported in each period that has begun; none before the plan is adopted.
  const reported = (row: PlanSummary, plan: NonNullable<PlanSummary['plan']>) => {
    if (plan.status === 'draft' || plan.status === 'input')
      return <Text className={styles.muted}>{p('reportedAfterAdoption')}</Text>;
    if (plan.goals === 0) return t('nobody');
    const periods = begunPeriods(plan.reported, row.year, today);
    if (periods.length === 0) return <Text className={styles.muted}>{p('reportedNotBegun')}</Text>;
    return (
      <span className={styles.lines}>
        {periods.map((r) => (
          <span key={r.period}>
            {p('reportedIn', { period: period(r.period), reported: r.goals, count: plan.goals })}
          </span>
        ))}
      </span>
    );
  };

  return (
    <section>
      <PageTitle>{p('listTitle')}</PageTitle>
      <Text as="p" block className={styles.lead}>
        {p('listLead')}
      </Text>
      <Field label={p('year')} className={styles.year}>
        <Select
          value={String(year ?? base)}
          onChange={(_, d) => {
            setRows(null);
            setYear(Number(d.value));
          }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </Select>
      </Field>
      <Text as="p" block className={styles.thread}>
        <RouterLink href={`/red-thread?year=${year ?? base}`}>
          {p('redThreadLink', { year: year ?? base })}
        </RouterLink>
      </Text>
      {error && <ErrorNotice message={error} />}
      {!rows && !error && <Spinner label={t('loading')} />}
      {rows?.length === 0 && <Text block>{p('listEmpty')}</Text>}
      {rows && rows.length > 0 && (
        <div
          role="region"
          aria-label={`${p('listTitle')} ${year ?? base}`}
          tabIndex={0}
          style={{ overflowX: 'auto' }}
        >
          <Table className="stack" aria-label={`${p('listTitle')} ${year ?? base}`} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{p('colUnit')}</TableHeaderCell>
                <TableHeaderCell>{p('colStatus')}</TableHeaderCell>
                <TableHeaderCell>{p('colGoals')}</TableHeaderCell>
                <TableHeaderCell>{p('colLacking')}</TableHeaderCell>
                <TableHeaderCell>{p('colReported')}</TableHeaderCell>
                {anyDraft && <TableHeaderCell>{t('colNext')}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.unit.id}>
                  <TableCell data-label={p('colUnit')}>
                    {r.plan ? (
                      <RouterLink href={`/plans/${r.plan.id}`}>{r.unit.name}</RouterLink>
                    ) : (
                      r.unit.name
                    )}
                  </TableCell>
                  <TableCell data-label={p('colStatus')}>
                    {r.plan ? (
                      <PlanStatusBadge status={r.plan.status} />
                    ) : (
                      <Text className={styles.muted}>{p('noPlan')}</Text>
                    )}
                  </TableCell>
                  <TableCell data-label={p('colGoals')}>
                    {r.plan ? p('goalCount', { count: r.plan.goals }) : t('nobody')}
                  </TableCell>
                  <TableCell data-label={p('colLacking')}>{r.plan ? lacking(r.plan) : t('nobody')}</TableCell>
                  <TableCell data-label={p('colReported')}>
                    {r.plan ? reported(r, r.plan) : t('nobody')}
                  </TableCell>
                  {anyDraft && (
                    <TableCell data-label={t('colNext')}>
                      {!r.canDraft && t('nobody')}
                      {r.canDraft && (
                        <Button
                          size="small"
                          disabled={busy !== null}
                          aria-label={p('draftFor', { unit: r.unit.name, year: r.year })}
                          onClick={() => draft(r)}
                        >
                          {p('draft')}
                        </Button>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
