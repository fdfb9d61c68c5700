// "Kommunekompasset": the assessment rounds the caller may read (year, stage in words, assessors, the
// agreed total), and – for Admin and the Kompass role – a form to start a round for a year with its
// assessors. What the caller may read and do is the server's answer.
import {
  Button,
  Field,
  Input,
  Spinner,
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
import { useCallback, useEffect, useState } from 'react';
import { errorText, type Api } from '../api.ts';
import { PeoplePicker } from '../kompass/PeoplePicker.tsx';
import { KOMPASS_MAX, useKompassWords, type RoundList } from '../kompass/words.ts';
import { navigate } from '../router.ts';
import { ErrorNotice, PageTitle, RouterLink } from './common.tsx';

const useStyles = makeStyles({
  lead: { maxWidth: '60rem', marginBottom: tokens.spacingVerticalL },
  muted: { color: tokens.colorNeutralForeground3 },
  start: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalXXL,
    padding: tokens.spacingHorizontalL,
    maxWidth: '44rem',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalS },
  },
  year: { maxWidth: '10rem' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export function KompassPage({ api }: { api: Api }) {
  const styles = useStyles();
  const { k, kw, t, list, number } = useKompassWords();
  const [data, setData] = useState<RoundList | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.call('listKompassRounds').then(setData, (e: unknown) => setError(errorText(e)));
  }, [api]);
  useEffect(load, [load]);

  return (
    <section>
      <PageTitle>{k('listTitle')}</PageTitle>
      <Text as="p" block className={styles.lead}>
        {k('listLead')}
      </Text>
      {error && <ErrorNotice message={error} />}
      {!data && !error && <Spinner label={t('loading')} />}
      {data?.rounds.length === 0 && <Text block>{k('listEmpty')}</Text>}
      {data && data.rounds.length > 0 && (
        <div role="region" aria-label={k('listLabel')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table className="stack" aria-label={k('listLabel')} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{k('colRound')}</TableHeaderCell>
                <TableHeaderCell>{k('colStage')}</TableHeaderCell>
                <TableHeaderCell>{k('colAssessors')}</TableHeaderCell>
                <TableHeaderCell>{k('colTotal')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.rounds.map((r) => (
                <TableRow key={r.id}>
                  <TableCell data-label={k('colRound')}>
                    <RouterLink href={`/kompass/${r.id}`}>{k('title', { year: r.year })}</RouterLink>
                  </TableCell>
                  <TableCell data-label={k('colStage')}>{kw.stage[r.status]}</TableCell>
                  <TableCell data-label={k('colAssessors')}>{list(r.assessors.map((a) => a.name))}</TableCell>
                  <TableCell data-label={k('colTotal')}>
                    {r.total === null ? (
                      <Text className={styles.muted}>{k('totalPending')}</Text>
                    ) : (
                      k('total', { total: number(r.total), max: number(KOMPASS_MAX) })
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {data?.canStart && <StartRound api={api} list={data} />}
    </section>
  );
}

/** A round for a year, with its assessors; the first year from this one without a round is offered. */
function StartRound({ api, list: rounds }: { api: Api; list: RoundList }) {
  const styles = useStyles();
  const { k } = useKompassWords();
  const taken = new Set(rounds.rounds.map((r) => r.year));
  const [year, setYear] = useState(() => {
    let y = new Date().getFullYear();
    while (taken.has(y)) y++;
    return String(y);
  });
  const [assessors, setAssessors] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const y = Number(year.trim());
  const yearProblem =
    !/^\d{4}$/.test(year.trim()) || y < 2000 || y > 2100
      ? k('yearInvalid')
      : taken.has(y)
        ? k('yearTaken', { year: y })
        : null;
  const assessorProblem =
    assessors.length === 0 ? k('assessorsRequired') : assessors.length > 10 ? k('assessorsTooMany') : null;

  const start = () => {
    setTried(true);
    setFailed(null);
    if (yearProblem || assessorProblem) return;
    setBusy(true);
    api.call('startKompassRound', { body: { year: y, assessors } }).then(
      (round) => navigate(`/kompass/${round.id}`),
      (e: unknown) => {
        setBusy(false);
        setFailed(errorText(e));
      },
    );
  };

  return (
    <form
      className={styles.start}
      aria-labelledby="kompass-start-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start();
      }}
    >
      <Title3 as="h2" id="kompass-start-title" block style={{ margin: 0 }}>
        {k('startTitle')}
      </Title3>
      <Text block>{k('startLead')}</Text>
      <Field
        label={k('year')}
        className={styles.year}
        validationState={tried && yearProblem ? 'error' : 'none'}
        validationMessage={tried ? yearProblem : undefined}
      >
        <Input inputMode="numeric" autoComplete="off" value={year} onChange={(_, d) => setYear(d.value)} />
      </Field>
      <PeoplePicker
        legend={k('assessorsLabel')}
        hint={k('assessorsHint')}
        people={rounds.people}
        chosen={assessors}
        onChange={setAssessors}
        error={tried ? assessorProblem : null}
      />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {k('start')}
        </Button>
        {busy && <Spinner size="tiny" />}
      </div>
      {failed && <ErrorNotice message={failed} />}
    </form>
  );
}
