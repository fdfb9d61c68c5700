// Input from the groups: how many of each group are asked and have answered (counts only), and – for
// Admin and the Kompass role before the assessment – a form to ask people of a group.
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
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
import { useEffect, useState } from 'react';
import { RESPONDENT_GROUPS, type RespondentGroup } from '../../../src/domain/kompass-round.ts';
import { errorText, type Api } from '../api.ts';
import { ErrorNotice } from '../pages/common.tsx';
import { PeoplePicker } from './PeoplePicker.tsx';
import { useKompassWords, type Person, type RoundView } from './words.ts';

const useStyles = makeStyles({
  section: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalS },
  },
  lead: { maxWidth: '60rem' },
  counts: { maxWidth: '40rem' },
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
  group: { maxWidth: '20rem' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  number: { width: '8rem' },
});

export function InviteSection({
  api,
  view,
  onView,
}: {
  api: Api;
  view: RoundView;
  onView: (view: RoundView) => void;
}) {
  const styles = useStyles();
  const { k, number, t, words } = useKompassWords();
  const [people, setPeople] = useState<Person[] | null>(null);
  const [group, setGroup] = useState<RespondentGroup>('employees');
  const [chosen, setChosen] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Who may be asked: the organisation's people, as the rounds list gives them to those who manage.
  useEffect(() => {
    if (!view.can.invite) return;
    api.call('listKompassRounds').then(
      (r) => setPeople(r.people),
      (e: unknown) => setFailed(errorText(e)),
    );
  }, [api, view.can.invite]);

  const invite = () => {
    setTried(true);
    setDone(null);
    setFailed(null);
    if (chosen.length === 0) return;
    setBusy(true);
    api.call('inviteRespondents', { params: { id: view.id }, body: { group, people: chosen } }).then(
      (next) => {
        setBusy(false);
        setTried(false);
        setDone(k('invited', { count: chosen.length, group: words.kompassGroup[group] }));
        setChosen([]);
        onView(next);
      },
      (e: unknown) => {
        setBusy(false);
        setFailed(errorText(e));
      },
    );
  };

  return (
    <section className={styles.section} aria-labelledby="kompass-invite-title">
      <Title3 as="h2" id="kompass-invite-title" style={{ margin: 0 }}>
        {k('inviteTitle')}
      </Title3>
      <Text block className={styles.lead}>
        {k('inviteLead')}
      </Text>
      <Table className={`stack ${styles.counts}`} aria-label={k('invitationsLabel')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{k('colGroup')}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>{k('colInvited')}</TableHeaderCell>
            <TableHeaderCell>{k('colAnswered')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {RESPONDENT_GROUPS.map((g) => {
            const row = view.invitations.find((i) => i.group === g);
            return (
              <TableRow key={g}>
                <TableCell data-label={k('colGroup')}>{words.kompassGroup[g]}</TableCell>
                <TableCell data-label={k('colInvited')}>{number(row?.invited ?? 0)}</TableCell>
                <TableCell data-label={k('colAnswered')}>{number(row?.answered ?? 0)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {view.can.invite && !people && !failed && <Spinner size="small" label={t('loading')} />}
      {view.can.invite && people && (
        <form
          className={styles.form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            invite();
          }}
        >
          <Field label={k('groupLabel')} className={styles.group}>
            <Select value={group} onChange={(_, d) => setGroup(d.value as RespondentGroup)}>
              {RESPONDENT_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {words.kompassGroup[g]}
                </option>
              ))}
            </Select>
          </Field>
          <PeoplePicker
            legend={k('invitePeople')}
            people={people}
            chosen={chosen}
            onChange={setChosen}
            chooseAll
            error={tried && chosen.length === 0 ? k('invitePeopleRequired') : null}
          />
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={busy}>
              {k('invite')}
            </Button>
            {busy && <Spinner size="tiny" />}
          </div>
          {done && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{done}</MessageBarBody>
            </MessageBar>
          )}
        </form>
      )}
      {failed && <ErrorNotice message={failed} />}
    </section>
  );
}
