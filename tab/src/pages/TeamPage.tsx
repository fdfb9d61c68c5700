import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { MeView, TeamView, TemplateSummary } from '../../../src/contract/views.ts';
import { fill } from '../../../src/contract/words/format.ts';
import { errorText, type Api } from '../api.ts';
import { DURATIONS, rememberOutcome } from '../meeting/outcome.ts';
import { useI18n } from '../i18n.ts';
import { navigate } from '../router.ts';
import { ErrorNotice, PageTitle, RouterLink, ShowMore, StatusBadge } from './common.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  member: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  form: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    maxWidth: '480px',
    marginTop: tokens.spacingVerticalXL,
  },
});

export function TeamPage({ api, me, teamsMeetings }: { api: Api; me: MeView; teamsMeetings: boolean }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t, words } = i18n;
  const w = words.meeting;
  const [team, setTeam] = useState<TeamView | null>(null);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [employee, setEmployee] = useState(me.directReports[0]?.oid ?? '');
  const [templateKey, setTemplateKey] = useState('medarbeidersamtale-10-faktor');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState('60');
  // Offered only where Samtale can create Teams meetings (never in local mode).
  const [meeting, setMeeting] = useState(teamsMeetings);
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Whether the team came in pages: then the count stays in view as the pages are added.
  const [paged, setPaged] = useState(false);

  const load = useCallback(() => {
    api.call('listTeam', { query: { period } }).then(
      (first) => {
        setTeam(first);
        setPaged(first.next !== null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, period]);
  useEffect(load, [load]);
  // A large team comes a page at a time; the next page is added below, so the reader keeps their place.
  const more = () => {
    if (!team?.next) return;
    setLoadingMore(true);
    api
      .call('listTeam', { query: { period, after: team.next } })
      .then(
        (page) => setTeam({ ...page, members: [...team.members, ...page.members] }),
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setLoadingMore(false));
  };
  useEffect(() => {
    api.call('listTemplates').then(
      (r) => setTemplates(r.templates.filter((x) => x.kind === 'conversation')),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api]);

  const plan = async (e: React.SyntheticEvent) => {
    e.preventDefault();
    setFieldError(null);
    setNotice(null);
    try {
      const timed = date && time;
      const created = await api.call('planConversation', {
        body: {
          templateKey,
          employeeOid: employee,
          period,
          ...(date ? { scheduledAt: date } : {}),
          ...(timed ? { scheduledTime: time, durationMinutes: Number(duration) } : {}),
          ...(timed && teamsMeetings && meeting ? { teamsMeeting: true } : {}),
        },
      });
      setNotice(t('planned'));
      load();
      // What became of the Teams meeting is said on the conversation's page (the plan is saved either way).
      if (created.meeting) rememberOutcome(created.id, created.meeting);
      navigate(`/conversations/${created.id}`);
    } catch (err) {
      setFieldError(errorText(err));
    }
  };

  return (
    <section>
      <PageTitle>{t('teamTitle')}</PageTitle>
      {error && <ErrorNotice message={error} />}
      {!team && !error && <Spinner label={t('loading')} />}
      {team?.members.length === 0 && <Text>{t('teamEmpty')}</Text>}
      <ul className={styles.list}>
        {team?.members.map((m) => (
          <li key={m.oid}>
            <Card>
              <div className={styles.member}>
                <Text weight="semibold">{m.name}</Text>
                {m.conversations.length === 0 && <Text>{t('teamNoConversation')}</Text>}
                {m.conversations.map((c) => (
                  <span key={c.id} className={styles.member}>
                    <RouterLink href={`/conversations/${c.id}`}>
                      {c.template.name} {i18n.period(c.period)}
                    </RouterLink>
                    <StatusBadge status={c.status} />
                  </span>
                ))}
              </div>
            </Card>
          </li>
        ))}
      </ul>
      {team && paged && (
        <ShowMore
          shown={team.members.length}
          total={team.total}
          more={team.next !== null}
          loading={loadingMore}
          onMore={more}
        />
      )}

      <form className={styles.form} onSubmit={(e) => void plan(e)} aria-labelledby="plan-title" noValidate>
        <Title3 block as="h2" id="plan-title">
          {t('planTitle')}
        </Title3>
        <Field label={t('planWho')} required>
          <Select value={employee} onChange={(_, d) => setEmployee(d.value)}>
            {me.directReports.map((r) => (
              <option key={r.oid} value={r.oid}>
                {r.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('planTemplate')} required>
          <Select value={templateKey} onChange={(_, d) => setTemplateKey(d.value)}>
            {templates.map((x) => (
              <option key={x.key} value={x.key}>
                {x.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('planPeriod')} required>
          <Input value={period} onChange={(_, d) => setPeriod(d.value)} inputMode="numeric" />
        </Field>
        <Field
          label={t('planDate')}
          validationMessage={fieldError ?? undefined}
          validationState={fieldError ? 'error' : 'none'}
        >
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Field label={w.planTime} hint={w.planTimeHint}>
          <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} disabled={!date} />
        </Field>
        {time && (
          <Field label={w.duration}>
            <Select value={duration} onChange={(_, d) => setDuration(d.value)}>
              {DURATIONS.map((m) => (
                <option key={m} value={m}>
                  {fill(w.durationOption, { minutes: m })}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {teamsMeetings && (
          <Checkbox
            checked={meeting}
            disabled={!date || !time}
            onChange={(_, d) => setMeeting(d.checked === true)}
            label={w.createMeeting}
          />
        )}
        <div>
          <Button appearance="primary" type="submit">
            {t('planButton')}
          </Button>
        </div>
        {notice && (
          <MessageBar intent="success" layout="multiline" role="status">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
      </form>
    </section>
  );
}
