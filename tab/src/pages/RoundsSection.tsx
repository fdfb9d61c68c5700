import {
  Button,
  Checkbox,
  Field,
  Input,
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
import { fill } from '../../../src/contract/words/format.ts';
import type { RoundList, RoundScope, RoundView } from '../../../src/contract/views.ts';
import { ConfirmButton } from '../form/Confirm.tsx';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice, ShowMore, SrOnly } from './common.tsx';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    maxWidth: '640px',
    marginTop: tokens.spacingVerticalM,
  },
  choices: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  people: { display: 'grid', maxHeight: '320px', overflowY: 'auto', padding: tokens.spacingVerticalXS },
});

type Summary = RoundList['rounds'][number];

/**
 * HR's rounds for a period: coverage that counts everyone in scope (people without a conversation
 * too), each person's stage on request, and a form to define a new round.
 */
export function RoundsSection({ api, period }: { api: Api; period: string }) {
  const { words, date, period: periodName } = useI18n();
  const w = words.tab.rounds;
  const [list, setList] = useState<RoundList | null>(null);
  const [open, setOpen] = useState<RoundView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    setOpen(null);
    api.call('listRounds', { query: { period } }).then(setList, (e: unknown) => setError(errorText(e)));
  }, [api, period]);

  const nameOf = (r: Summary) => fill(w.name, { template: r.templateName, period: periodName(r.period) });
  const toggle = (r: Summary) => {
    if (open?.round.id === r.id) {
      setOpen(null);
      return;
    }
    api.call('getRound', { params: { id: r.id } }).then(setOpen, (e: unknown) => setError(errorText(e)));
  };

  return (
    <section aria-labelledby="rounds-title">
      <Title3 block as="h2" id="rounds-title">
        {w.title}
      </Title3>
      <Text as="p" block>
        {w.lead}
      </Text>
      {error && <ErrorNotice message={error} />}
      <Text role="status" block>
        {notice ?? ''}
      </Text>
      {!list && !error && <Spinner label={words.tab.loading} />}
      {list?.rounds.length === 0 && <Text block>{fill(w.none, { period: periodName(period) })}</Text>}
      {list && list.rounds.length > 0 && (
        <div role="region" aria-label={w.title} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table className="stack" size="small" aria-label={w.title}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{w.colRound}</TableHeaderCell>
                <TableHeaderCell>{w.colDeadline}</TableHeaderCell>
                <TableHeaderCell>{w.colCoverage}</TableHeaderCell>
                <TableHeaderCell>{w.colDone}</TableHeaderCell>
                <TableHeaderCell>{w.units}</TableHeaderCell>
                <TableHeaderCell>
                  <SrOnly>{w.show}</SrOnly>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.rounds.map((r) => (
                <TableRow key={r.id}>
                  <TableCell data-label={w.colRound}>{nameOf(r)}</TableCell>
                  <TableCell data-label={w.colDeadline}>{date(r.deadline)}</TableCell>
                  <TableCell data-label={w.colCoverage}>
                    {fill(w.coverage, { n: r.withConversation, total: r.inScope })}
                  </TableCell>
                  <TableCell data-label={w.colDone}>
                    {fill(w.coverage, { n: r.done, total: r.inScope })}
                  </TableCell>
                  <TableCell data-label={w.units}>{r.units.join(', ')}</TableCell>
                  <TableCell>
                    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                      <Button
                        size="small"
                        aria-expanded={open?.round.id === r.id}
                        aria-label={fill(w.showFor, { name: nameOf(r) })}
                        onClick={() => toggle(r)}
                      >
                        {open?.round.id === r.id ? w.hide : w.show}
                      </Button>
                      <ConfirmButton
                        size="small"
                        label={w.delete}
                        ariaLabel={fill(w.deleteFor, { name: nameOf(r) })}
                        title={fill(w.deleteFor, { name: nameOf(r) })}
                        confirm={w.delete}
                        onConfirm={() =>
                          api.call('deleteRound', { params: { id: r.id } }).then(
                            (next) => {
                              setList(next);
                              setOpen(null);
                              setNotice(w.deleted);
                            },
                            (e: unknown) => setError(errorText(e)),
                          )
                        }
                      >
                        {w.deleted}
                      </ConfirmButton>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {open && <Coverage api={api} view={open} />}
      {list && (
        <NewRound
          api={api}
          list={list}
          period={period}
          onCreated={(view) => {
            setNotice(fill(w.created, { name: nameOf(view.round) }));
            setOpen(view);
            api
              .call('listRounds', { query: { period } })
              .then(setList, (e: unknown) => setError(errorText(e)));
          }}
        />
      )}
    </section>
  );
}

/** One round: per unit, and each person with their conversation's stage (words, never content). */
function Coverage({ api, view }: { api: Api; view: RoundView }) {
  const { words } = useI18n();
  const w = words.tab.rounds;
  // The people come a page at a time: a round may hold a whole municipality.
  const [people, setPeople] = useState(view.people);
  const [next, setNext] = useState(view.next);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setPeople(view.people);
    setNext(view.next);
  }, [view]);
  const more = () => {
    if (!next) return;
    setLoading(true);
    api
      .call('getRound', { params: { id: view.round.id }, query: { after: next } })
      .then(
        (page) => {
          setPeople((ps) => [...ps, ...page.people]);
          setNext(page.next);
        },
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setLoading(false));
  };
  return (
    <div>
      <Title3 block as="h3" style={{ fontSize: 16, marginTop: 12 }}>
        {w.perUnit}
      </Title3>
      <Table size="small" aria-label={w.perUnit} className="stack">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{w.units}</TableHeaderCell>
            <TableHeaderCell>{w.colCoverage}</TableHeaderCell>
            <TableHeaderCell>{w.colDone}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.units.map((u) => (
            <TableRow key={u.unit}>
              <TableCell data-label={w.units}>{u.unit}</TableCell>
              <TableCell data-label={w.colCoverage}>
                {fill(w.coverage, { n: u.withConversation, total: u.inScope })}
              </TableCell>
              <TableCell data-label={w.colDone}>
                {fill(w.coverage, { n: u.done, total: u.inScope })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Title3 block as="h3" style={{ fontSize: 16, marginTop: 12 }}>
        {w.people}
      </Title3>
      <ul>
        {people.map((p, i) => (
          // Two people of one unit may share a name: the place in the list tells them apart.
          <li key={`${i}|${p.unit}|${p.name}`}>
            {p.name}, {p.unit}: {p.status ? words.status[p.status] : w.noConversation}
          </li>
        ))}
      </ul>
      {error && <ErrorNotice message={error} />}
      <ShowMore
        shown={people.length}
        total={view.round.inScope}
        more={next !== null}
        loading={loading}
        onMore={more}
      />
    </div>
  );
}

/** Defining a round: type, deadline, units, and the people of those units (leaders left out at first). */
function NewRound({
  api,
  list,
  period,
  onCreated,
}: {
  api: Api;
  list: RoundList;
  period: string;
  onCreated: (view: RoundView) => void;
}) {
  const styles = useStyles();
  const { words } = useI18n();
  const w = words.tab.rounds;
  const [templateKey, setTemplateKey] = useState(list.templates[0]?.key ?? '');
  const [deadline, setDeadline] = useState('');
  const [units, setUnits] = useState<string[]>([]);
  const [scope, setScope] = useState<RoundScope | null>(null);
  const [people, setPeople] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setScope(null);
    if (units.length === 0) return;
    api.call('previewRoundScope', { query: { unitIds: units.join(',') } }).then(
      (s) => {
        setScope(s);
        setPeople(new Set(s.people.filter((p) => !p.leads).map((p) => p.oid)));
      },
      (e: unknown) => setProblem(errorText(e)),
    );
  }, [api, units]);

  const create = () => {
    if (!deadline || people.size === 0) {
      setProblem(deadline ? w.needPeople : w.needDeadline);
      return;
    }
    setBusy(true);
    setProblem(null);
    api
      .call('createRound', { body: { templateKey, period, deadline, unitIds: units, people: [...people] } })
      .then(
        (view) => {
          setUnits([]);
          setDeadline('');
          onCreated(view);
        },
        (e: unknown) => setProblem(errorText(e)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form
      className={styles.form}
      aria-labelledby="new-round-title"
      // The form says what is missing in its own words, in the person's language, not the browser's.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create();
      }}
    >
      <Title3 block as="h3" id="new-round-title" style={{ fontSize: 16 }}>
        {w.newTitle}
      </Title3>
      <Field label={w.template}>
        <Select value={templateKey} onChange={(_, d) => setTemplateKey(d.value)}>
          {list.templates.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={w.deadline} required>
        <Input type="date" value={deadline} onChange={(_, d) => setDeadline(d.value)} />
      </Field>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>{w.units}</legend>
        <div className={styles.choices}>
          {list.units.map((u) => (
            <Checkbox
              key={u.id}
              label={u.name}
              checked={units.includes(u.id)}
              onChange={(_, d) =>
                setUnits((xs) => (d.checked ? [...xs, u.id] : xs.filter((x) => x !== u.id)))
              }
            />
          ))}
        </div>
      </fieldset>
      {units.length === 0 && <Text block>{w.scopeEmpty}</Text>}
      {units.length > 0 && !scope && <Spinner size="tiny" label={w.scopeLoading} />}
      {scope && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            {w.people} ({fill(w.chosen, { n: people.size })})
          </legend>
          <Text as="p" block>
            {w.scopeLead}
          </Text>
          <div className={styles.people}>
            {scope.people.map((p) => (
              <Checkbox
                key={p.oid}
                label={
                  fill(w.personLine, { name: p.name, unit: p.unit, leader: p.leader }) +
                  (p.leads ? ` – ${w.leads}` : '')
                }
                checked={people.has(p.oid)}
                onChange={(_, d) =>
                  setPeople((s) => {
                    const next = new Set(s);
                    if (d.checked) next.add(p.oid);
                    else next.delete(p.oid);
                    return next;
                  })
                }
              />
            ))}
          </div>
        </fieldset>
      )}
      {problem && <ErrorNotice message={problem} />}
      <div>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? w.creating : w.create}
        </Button>
      </div>
    </form>
  );
}
