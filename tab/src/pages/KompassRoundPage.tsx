// One Kommunekompass round: its stage among the stages, its assessors, the steps the server offers
// (each asked first), why it cannot be finished yet, the groups' input, the eight areas under their
// perspectives, and the results; a finished round's archived report. What the caller may do comes with
// the round from the server.
import {
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
import type { MeView } from '../../../src/contract/views.ts';
import { ROUND_STATUSES, type RoundStatus, type RoundTransition } from '../../../src/domain/kompass-round.ts';
import { GROUNDS } from '../../../src/domain/templates/kommunekompass.ts';
import { errorText, type Api } from '../api.ts';
import { ConfirmButton } from '../form/Confirm.tsx';
import { AreaSection } from '../kompass/AreaSection.tsx';
import { InviteSection } from '../kompass/InviteSection.tsx';
import { KompassReport } from '../kompass/Report.tsx';
import { KompassResults } from '../kompass/Results.tsx';
import { useKompassWords, type RoundView } from '../kompass/words.ts';
import { ErrorNotice, PageTitle, RouterLink } from './common.tsx';

const useStyles = makeStyles({
  head: { display: 'grid', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalXL },
  stages: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
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
  notice: { outline: 'none' },
  refusal: { maxWidth: '60rem' },
  perspective: { margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalM}` },
  grounds: {
    maxWidth: '60rem',
    marginBottom: tokens.spacingVerticalM,
    '& summary': { cursor: 'pointer', fontWeight: tokens.fontWeightSemibold },
  },
});

export function KompassRoundPage({ api, id, me }: { api: Api; id: string; me: MeView }) {
  const styles = useStyles();
  const { k, kw, t, list } = useKompassWords();
  const [view, setView] = useState<RoundView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    () =>
      api.call('getKompassRound', { params: { id } }).then(setView, (e: unknown) => setError(errorText(e))),
    [api, id],
  );
  useEffect(() => {
    setView(null);
    setError(null);
    void load();
  }, [load]);
  // A step taken moves the focus to what it did (its button may be gone).
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => noticeRef.current?.focus(), 50);
    return () => clearTimeout(timer);
  }, [notice]);
  const onView = useCallback((next: RoundView) => setView(next), []);

  if (error)
    return (
      <section>
        <RouterLink href="/kompass">{k('backToList')}</RouterLink>
        <ErrorNotice message={error} />
      </section>
    );
  if (!view) return <Spinner label={t('loading')} />;

  const transition = async (tr: RoundTransition) => {
    try {
      await api.call('transitionKompassRound', {
        params: { id },
        body: { transition: tr, baseVersion: view.version },
      });
      setFailed(null);
      setNotice(kw.done[tr]);
    } catch (e) {
      setNotice(null);
      setFailed(errorText(e));
    }
  };
  const mine = view.assessors.findIndex((a) => a.oid === me.oid);
  const subAreas = view.areas.flatMap((a) => a.subAreas);
  const disagreeing = subAreas.filter((s) => s.disagreement).map((s) => s.code);
  const unscored = subAreas.filter((s) => s.agreed === null && !s.disagreement).length;
  const refusal =
    view.status === 'assessment' && view.finishRefusal === 'disagreement'
      ? k('refusalDisagreement', { count: disagreeing.length, codes: list(disagreeing) })
      : view.status === 'assessment' && view.finishRefusal === 'unscored'
        ? k('refusalUnscored', { count: unscored })
        : null;
  const perspectives = [...new Set(view.areas.map((a) => a.perspective))];
  const showInvitations =
    view.can.invite || view.invitations.some((i) => i.invited > 0) || view.status === 'input';

  return (
    <article>
      <div className={styles.head}>
        <RouterLink href="/kompass">{k('backToList')}</RouterLink>
        <PageTitle>{k('title', { year: view.year })}</PageTitle>
        <Text>{view.organisation}</Text>
        <Stages status={view.status} />
        <Text block className={styles.lead}>
          {kw.lead[view.status]}
        </Text>
        <Text block>{k('assessors', { names: list(view.assessors.map((a) => a.name)) })}</Text>
        <KompassReport api={api} view={view} onView={onView} />
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
          <div className={styles.actions} role="group" aria-label={k('roundActions')}>
            {view.can.transitions.map((tr) => (
              <ConfirmButton
                key={tr}
                appearance="primary"
                label={kw.transition[tr]}
                title={kw.confirmTitle[tr]}
                confirm={kw.transition[tr]}
                onConfirm={() => transition(tr)}
                afterClose={() => void load()}
              >
                <Text block>{kw.confirmLead[tr]}</Text>
                {tr === 'finish' && refusal && (
                  <Text block weight="semibold" style={{ marginTop: tokens.spacingVerticalM }}>
                    {refusal}
                  </Text>
                )}
              </ConfirmButton>
            ))}
          </div>
        )}
        {refusal && (
          <MessageBar intent="warning" layout="multiline" className={styles.refusal}>
            <MessageBarBody>{refusal}</MessageBarBody>
          </MessageBar>
        )}
        {failed && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>{failed}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {showInvitations && <InviteSection api={api} view={view} onView={onView} />}

      <details className={styles.grounds}>
        <summary>{k('grounds')}</summary>
        <ul>
          {GROUNDS.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      </details>
      {perspectives.map((p) => (
        <div key={p}>
          <Title3 as="h2" block className={styles.perspective}>
            {p}
          </Title3>
          {view.areas
            .filter((a) => a.perspective === p)
            .map((a) => (
              <AreaSection key={a.number} api={api} view={view} area={a} mine={mine} onView={onView} />
            ))}
        </div>
      ))}

      <KompassResults view={view} />
    </article>
  );
}

/** The round's stages in order, the current one marked (for screen readers too). */
function Stages({ status }: { status: RoundStatus }) {
  const styles = useStyles();
  const { k, kw } = useKompassWords();
  return (
    <ol className={styles.stages} aria-label={k('stages')}>
      {ROUND_STATUSES.map((s) => (
        <li
          key={s}
          className={mergeClasses(styles.stage, s === status && styles.current)}
          aria-current={s === status ? 'step' : undefined}
        >
          {kw.stage[s]}
        </li>
      ))}
    </ol>
  );
}
