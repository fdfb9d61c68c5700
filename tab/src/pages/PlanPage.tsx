// One unit's plan (virksomhetsplan, seed 004): its stage, its goals (written while it is a draft or
// open for input, reported on each quarter once adopted, marked for next year in the year report),
// and the staff's input. What the caller may do comes with the plan from the server.
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fill } from '../../../src/contract/words/format.ts';
import { PLAN_STATUSES } from '../../../src/domain/unit-plan.ts';
import { errorText, openPlanPdf, type Api } from '../api.ts';
import { ConfirmButton } from '../form/Confirm.tsx';
import { useI18n } from '../i18n.ts';
import { ContributionsSection } from '../plan/Contributions.tsx';
import { lacksWords } from '../plan/GoalFields.tsx';
import { GoalsView } from '../plan/GoalsView.tsx';
import { PlanFields } from '../plan/PlanFields.tsx';
import { PlanStatusBadge } from '../plan/PlanStatusBadge.tsx';
import type { PlanStatus, PlanTransition, PlanView } from '../plan/types.ts';
import { ErrorNotice, PageTitle, RouterLink } from './common.tsx';
import { TextSubmitForm } from '../plan/TextSubmitForm.tsx';

const useStyles = makeStyles({
  head: { display: 'grid', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalXL },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  stages: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
    counterReset: 'stage',
  },
  stage: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  current: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForegroundOnBrand,
    backgroundColor: tokens.colorBrandBackground,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  lead: { maxWidth: '60rem' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  section: { display: 'grid', gap: tokens.spacingVerticalM },
  add: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    maxWidth: '48rem',
    marginTop: tokens.spacingVerticalM,
  },
  notice: { outline: 'none' },
});

export function PlanPage({ api, id }: { api: Api; id: string }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { p, t, words, date } = i18n;
  const [view, setView] = useState<PlanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A step that failed (the plan is not ready, someone moved it on) is said beside the buttons; what
  // is typed stays.
  const [failed, setFailed] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(
    () => api.call('getPlan', { params: { id } }).then(setView, (e: unknown) => setError(errorText(e))),
    [api, id],
  );
  useEffect(() => {
    setView(null);
    setError(null);
    void load();
  }, [load]);
  // After a save the plan is read again (what a goal lacks, the adopt check); editors keep their text.
  const onSaved = useCallback(() => {
    // What failed before (adopting an incomplete plan) is no longer news once the plan moves on.
    setFailed(null);
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void load(), 250);
  }, [load]);
  useEffect(
    () => () => {
      if (reloadTimer.current) clearTimeout(reloadTimer.current);
    },
    [],
  );
  // A step taken moves the focus to what it did (its button may be gone).
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => noticeRef.current?.focus(), 50);
    return () => clearTimeout(timer);
  }, [notice]);

  if (error)
    return (
      <section>
        <RouterLink href="/plans">{p('backToList')}</RouterLink>
        <ErrorNotice message={error} />
      </section>
    );
  if (!view) return <Spinner label={t('loading')} />;

  // The plan is read again once the step's dialog has closed (ConfirmButton's afterClose).
  const transition = async (tr: PlanTransition) => {
    try {
      await api.call('transitionPlan', {
        params: { id },
        body: { transition: tr, baseVersion: view.version },
      });
      setFailed(null);
      setNotice(words.tab.plans.done[tr]);
    } catch (e) {
      setNotice(null);
      setFailed(errorText(e));
    }
  };
  const incomplete = view.goals.map((g, i) => ({ g, n: i + 1 })).filter(({ g }) => g.problems.length > 0);
  const undecided = view.goals.map((g, i) => ({ g, n: i + 1 })).filter(({ g }) => g.outcome === null);
  const editable = view.can.editGoals;

  return (
    <article>
      <div className={styles.head}>
        <RouterLink href="/plans">{p('backToList')}</RouterLink>
        <PageTitle>{p('title', { year: view.year, unit: view.unit.name })}</PageTitle>
        <div className={styles.row}>
          <PlanStatusBadge status={view.status} />
          <Text>{view.leader ? p('leader', { name: view.leader.name }) : p('noLeader')}</Text>
          {view.adopted && (
            <Text>{p('adopted', { date: date(view.adopted.at), name: view.adopted.by.name })}</Text>
          )}
        </div>
        <Stages status={view.status} />
        <Text block className={styles.lead}>
          {words.tab.plans.lead[view.status]}
        </Text>
        {notice && (
          <MessageBar
            intent="success"
            layout="multiline"
            role="status"
            ref={noticeRef}
            tabIndex={-1}
            className={styles.notice}
          >
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {view.can.transitions.length > 0 && (
          <div className={styles.actions} role="group" aria-label={p('planActions')}>
            {view.can.transitions.map((tr) => (
              <ConfirmButton
                key={tr}
                appearance="primary"
                label={words.tab.plans.transition[tr]}
                title={words.tab.plans.confirmTitle[tr]}
                confirm={words.tab.plans.transition[tr]}
                onConfirm={() => transition(tr)}
                afterClose={() => void load()}
              >
                <Text block>{fill(words.tab.plans.confirmLead[tr], { unit: view.unit.name })}</Text>
                {tr === 'close' && undecided.length > 0 && (
                  <>
                    <Text block weight="semibold" style={{ marginTop: tokens.spacingVerticalM }}>
                      {p('closeUndecided', { count: undecided.length })}
                    </Text>
                    <ul>
                      {undecided.map(({ g, n }) => (
                        <li key={g.id}>{`${p('goalN', { n })}: ${g.goal}`}</li>
                      ))}
                    </ul>
                  </>
                )}
                {tr === 'adopt' && incomplete.length > 0 && (
                  <>
                    <Text block weight="semibold" style={{ marginTop: tokens.spacingVerticalM }}>
                      {p('adoptIncomplete', { count: incomplete.length })}
                    </Text>
                    <ul>
                      {incomplete.map(({ g, n }) => (
                        <li key={g.id}>{`${p('goalN', { n })}: ${lacksWords(g, i18n)}`}</li>
                      ))}
                    </ul>
                  </>
                )}
              </ConfirmButton>
            ))}
          </div>
        )}
        {view.copies.length > 0 && (
          <div className={styles.actions}>
            {view.copies.map((c) => (
              <Button
                key={c.kind}
                onClick={() => {
                  openPlanPdf(api, view.id, c.kind).then(
                    () => setFailed(null),
                    (e: unknown) => setFailed(errorText(e)),
                  );
                }}
              >
                {words.tab.plans.openCopy[c.kind]}
              </Button>
            ))}
          </div>
        )}
        {failed && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>{failed}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {/* The plan's own fields around its goals: Forankring before, the checklist after, Trinn 6–8 last. */}
      <PlanFields api={api} plan={view} part="before" onSaved={onSaved} />

      <section className={styles.section} aria-labelledby="plan-goals-title">
        <Title3 as="h2" id="plan-goals-title" block>
          {p('goalsTitle')}
        </Title3>
        <PlanFields api={api} plan={view} part="goals-intro" onSaved={onSaved} />
        <GoalsView api={api} plan={view} onSaved={onSaved} onChange={() => void load()} onError={setFailed} />
        {editable && <AddGoal api={api} plan={view} onAdded={() => void load()} />}
        <PlanFields api={api} plan={view} part="goals" onSaved={onSaved} />
      </section>

      <ContributionsSection api={api} plan={view} onChange={() => void load()} />

      <PlanFields api={api} plan={view} part="after" onSaved={onSaved} />
    </article>
  );
}

/** The plan's stages in order, the current one marked (for screen readers too). */
function Stages({ status }: { status: PlanStatus }) {
  const styles = useStyles();
  const { p, words } = useI18n();
  return (
    <ol className={styles.stages} aria-label={p('stages')}>
      {PLAN_STATUSES.map((s) => (
        <li
          key={s}
          className={mergeClasses(styles.stage, s === status && styles.current)}
          aria-current={s === status ? 'step' : undefined}
        >
          {words.planStatus[s]}
        </li>
      ))}
    </ol>
  );
}

/** A new goal: its text first; the rest is filled in on the goal itself. */
function AddGoal({ api, plan, onAdded }: { api: Api; plan: PlanView; onAdded: () => void }) {
  const styles = useStyles();
  const { p } = useI18n();
  return (
    <div className={styles.add}>
      <TextSubmitForm
        label={p('newGoal')}
        hint={p('newGoalHint')}
        send={p('addGoal')}
        required={p('goalRequired')}
        onSend={(goal) =>
          api.call('addPlanGoal', { params: { id: plan.id }, body: { goal } }).then(() => {
            onAdded();
            return p('goalAdded', { n: plan.goals.length + 1 });
          })
        }
      />
    </div>
  );
}
