// A goal's follow-up: its quarter reports as a short history, the form to report (for its
// Ansvarsperson, or the unit's leader, as the server says), and the staff's comments on it.
import { Button, Field, Input, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { GOAL_STATUSES, followUpPeriods, type GoalStatus } from '../../../src/domain/unit-plan.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ContributionItem, ContributeForm, goalsOpen } from './Contributions.tsx';
import type { GoalView, PlanView } from './types.ts';

const useStyles = makeStyles({
  box: { display: 'grid', gap: tokens.spacingVerticalM, minWidth: 0 },
  parts: {
    display: 'grid',
    gap: tokens.spacingHorizontalXL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))',
    alignItems: 'start',
  },
  heading: { margin: 0 },
  history: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
  by: { color: tokens.colorNeutralForeground3 },
  form: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
    maxWidth: '60rem',
    minWidth: 0,
  },
  pair: {
    display: 'grid',
    alignItems: 'start',
    gap: tokens.spacingHorizontalS,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 10rem), 1fr))',
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * Whether the caller reports on the goal, as the server says. (A closed plan's goals still come with
 * canReport from the server, which then refuses the report: it is not offered there.)
 */
const canReport = (_plan: PlanView, goal: GoalView) => goal.canReport;

/** Whether the goal has anything to show or do below its fields. */
export function hasFollowUp(plan: PlanView, goal: GoalView): boolean {
  return (
    !goalsOpen(plan) ||
    goal.reports.length > 0 ||
    canReport(plan, goal) ||
    plan.can.contribute ||
    plan.contributions.some((c) => c.goalId === goal.id)
  );
}

export function GoalFollowUp(props: {
  api: Api;
  plan: PlanView;
  goal: GoalView;
  n: number;
  /** The heading's level: under a card's own heading, or in the table under the goals' heading. */
  level: 3 | 4;
  heading: string;
  onChange: () => void;
}) {
  const { plan, goal, n } = props;
  const styles = useStyles();
  const { p, words, period, number, date } = useI18n();
  const comments = plan.contributions.filter((c) => c.goalId === goal.id);
  const H = props.level === 3 ? 'h3' : 'h4';
  const reports = [...goal.reports].sort((a, b) => a.period.localeCompare(b.period));
  // Once adopted, every goal shows its reports (or that there are none yet).
  const showReports = !goalsOpen(plan) || reports.length > 0;
  return (
    <div className={styles.box} data-follow-up={goal.id}>
      <Text as={H} weight="semibold" size={300} className={styles.heading}>
        {props.heading}
      </Text>
      <div className={styles.parts}>
        {showReports && (
          <div className={styles.box}>
            {reports.length === 0 ? (
              <Text block>{p('reportsNone')}</Text>
            ) : (
              <ul className={styles.history}>
                {reports.map((r) => (
                  <li key={r.period}>
                    <Text weight="semibold">{`${period(r.period)}: ${words.goalStatus[r.status]}`}</Text>
                    {r.measured !== null && (
                      <Text>{`, ${p('reportMeasured', { value: number(r.measured) })}`}</Text>
                    )}
                    {r.comment && <Text block>{r.comment}</Text>}
                    <Text block size={200} className={styles.by}>
                      {p('reportBy', { name: r.by.name, date: date(r.at) })}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
            {canReport(plan, goal) && <ReportToggle {...props} />}
          </div>
        )}
        {(comments.length > 0 || plan.can.contribute) && (
          <div className={styles.box}>
            {comments.length > 0 && (
              <ul className={styles.list}>
                {comments.map((c) => (
                  <li key={c.id}>
                    <ContributionItem api={props.api} plan={plan} c={c} onChange={props.onChange} />
                  </li>
                ))}
              </ul>
            )}
            {plan.can.contribute && (
              <ContributeForm
                api={props.api}
                plan={plan}
                kind="comment"
                goalId={goal.id}
                label={p('commentOn', { n })}
                send={p('commentSend')}
                toggle={p('commentToggle', { n })}
                onChange={props.onChange}
              />
            )}
          </div>
        )}
      </div>
    </div>
  );
}

type ReportProps = { api: Api; plan: PlanView; goal: GoalView; n: number; onChange: () => void };

/** The report form opens on demand: a leader reports for every goal, and the page stays readable. */
function ReportToggle(props: ReportProps) {
  const { p } = useI18n();
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <div>
      <Button aria-expanded={open} aria-controls={open ? formId : undefined} onClick={() => setOpen(!open)}>
        {p('reportTitle', { n: props.n })}
      </Button>
      {open && <ReportForm {...props} id={formId} />}
    </div>
  );
}

function ReportForm(props: ReportProps & { id: string }) {
  const { plan, goal, n } = props;
  const styles = useStyles();
  const { p, t, words, period, number, parseNumber } = useI18n();
  // The server says which period a report counts for now (the organisation's cadence and holidays).
  const cadence = (plan.reportPeriod ?? goal.reports.at(-1)?.period ?? '').includes('-T')
    ? 'tertial'
    : 'quarter';
  const periods = followUpPeriods(plan.year, cadence);
  const reportFor = (id: string) => goal.reports.find((r) => r.period === id);
  const [chosen, setChosen] = useState(() => plan.reportPeriod ?? periods.at(-1)?.id ?? String(plan.year));
  const existing = reportFor(chosen);
  const [status, setStatus] = useState<GoalStatus | ''>(existing?.status ?? '');
  const [measured, setMeasured] = useState(existing?.measured != null ? number(existing.measured) : '');
  const [comment, setComment] = useState(existing?.comment ?? '');
  const [problem, setProblem] = useState<{ status?: string; measured?: string }>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [savedFor, setSavedFor] = useState<string | null>(null);

  const choose = (id: string) => {
    setChosen(id);
    // A period already reported opens with its report, to be corrected.
    const r = reportFor(id);
    setStatus(r?.status ?? '');
    setMeasured(r?.measured != null ? number(r.measured) : '');
    setComment(r?.comment ?? '');
    setProblem({});
  };
  const submit = (e: React.SyntheticEvent) => {
    e.preventDefault();
    const value = parseNumber(measured);
    const found = {
      ...(status === '' ? { status: p('chooseStatus') } : {}),
      ...(Number.isNaN(value) ? { measured: p('notANumber') } : {}),
    };
    setProblem(found);
    if (status === '' || Number.isNaN(value)) return;
    setState('saving');
    props.api
      .call('reportGoal', {
        params: { id: goal.id },
        body: { period: chosen, status, measured: value, comment: comment.trim() || null },
      })
      .then(
        () => {
          setError(null);
          setState('saved');
          setSavedFor(chosen);
          props.onChange();
        },
        (err: unknown) => {
          setError(errorText(err));
          setState('idle');
        },
      );
  };
  return (
    <form
      id={props.id}
      className={styles.form}
      onSubmit={submit}
      aria-label={p('reportTitle', { n })}
      noValidate
    >
      <div className={styles.pair}>
        <Field label={p('reportPeriod')}>
          <Select value={chosen} onChange={(_, d) => choose(d.value)}>
            {periods.map((x) => (
              <option key={x.id} value={x.id}>
                {period(x.id)}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={p('reportStatus')}
          required
          validationState={problem.status ? 'error' : 'none'}
          validationMessage={problem.status}
        >
          <Select
            value={status}
            onChange={(_, d) => setStatus(GOAL_STATUSES.find((s) => s === d.value) ?? '')}
          >
            <option value="">{t('choose')}</option>
            {GOAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {words.goalStatus[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={p('reportValue')}
          hint={goal.indicator ?? undefined}
          validationState={problem.measured ? 'error' : 'none'}
          validationMessage={problem.measured}
        >
          <Input inputMode="decimal" value={measured} onChange={(_, d) => setMeasured(d.value)} />
        </Field>
      </div>
      <Field label={p('reportComment')}>
        <Textarea resize="vertical" value={comment} onChange={(_, d) => setComment(d.value)} />
      </Field>
      {existing && savedFor !== chosen && (
        <Text block className={styles.by}>
          {p('reportReplaces', { period: period(chosen) })}
        </Text>
      )}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={state === 'saving'}>
          {p('reportSave')}
        </Button>
        <span role="status" aria-live="polite">
          {state === 'saving'
            ? t('saving')
            : state === 'saved' && savedFor
              ? p('reportSaved', { period: period(savedFor) })
              : ''}
        </span>
      </div>
      {error && (
        <Text role="alert" className={styles.error} block>
          {t('saveFailed', { message: error })}
        </Text>
      )}
    </form>
  );
}
