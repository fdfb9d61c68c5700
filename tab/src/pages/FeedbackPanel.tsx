// Anonymous upward feedback before a leader's conversation, as its two parties meet it: asking for it
// (the leader's reports suggested, peers on request), the round's progress, and its result, which the
// server sends only when the round is closed, enough answered, and the assessed leader may or chose to
// show it. The tab decides nothing about who sees what: it shows what the view holds.
import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { FeedbackView } from '../../../src/contract/views.ts';
import { fill } from '../../../src/contract/words/format.ts';
import { FEEDBACK_STATEMENTS } from '../../../src/domain/feedback-statements.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice, SrOnly } from './common.tsx';

type Round = NonNullable<FeedbackView['round']>;
type Result = NonNullable<Round['result']>;
type Share = Round['shared'];
const SHARES: readonly Share[] = ['private', 'shared', 'record'];
const isShare = (v: string): v is Share => SHARES.some((s) => s === v);

/** Only leader conversations have a round; the page asks before mounting the panel. */
export const hasFeedback = (templateKey: string): boolean => templateKey in FEEDBACK_STATEMENTS;

const NARROW = '@media (max-width: 640px)';

const useStyles = makeStyles({
  // The card's gap spaces its parts; paragraphs add no margins of their own on top.
  card: {
    marginBottom: tokens.spacingVerticalXXL,
    display: 'grid',
    gap: tokens.spacingVerticalM,
    '& p, & h2, & h3': { marginTop: 0, marginBottom: 0 },
  },
  stack: { display: 'grid', gap: tokens.spacingVerticalS, minWidth: 0 },
  // Focused by the tab after an action so it is read out, like the page's heading; never a tab stop.
  focusable: { outline: 'none' },
  statements: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'grid', gap: '4px' },
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  fieldset: { border: 0, padding: 0, margin: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  people: { display: 'grid' },
  date: { maxWidth: '16rem' },
  texts: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  // Wide: statement, average and the five counts side by side. Narrow (a Teams side panel, a phone):
  // each statement a block, the average under it, and the counts in a row of five under their numbers.
  table: { [NARROW]: { display: 'block' } },
  head: { [NARROW]: { display: 'none' } },
  body: { [NARROW]: { display: 'block' } },
  row: {
    [NARROW]: {
      display: 'grid',
      gridTemplateColumns: 'repeat(5, minmax(0, 1fr))',
      padding: `${tokens.spacingVerticalS} 0`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  statementCell: { [NARROW]: { gridColumn: '1 / -1', display: 'block', height: 'auto', padding: '2px 0' } },
  averageCell: {
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
    [NARROW]: {
      gridColumn: '1 / -1',
      display: 'block',
      height: 'auto',
      padding: '2px 0',
      '::before': { content: 'attr(data-label) ": "', fontWeight: tokens.fontWeightRegular },
    },
  },
  number: {
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    width: '3.5rem',
    '& .fui-TableHeaderCell__button': { justifyContent: 'center' },
  },
  countCell: {
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    [NARROW]: {
      display: 'block',
      width: 'auto',
      height: 'auto',
      padding: `${tokens.spacingVerticalXS} 0 0`,
      '::before': {
        content: 'attr(data-short)',
        display: 'block',
        color: tokens.colorNeutralForeground3,
        fontSize: tokens.fontSizeBase200,
      },
    },
  },
});

/**
 * The feedback round of a leader conversation, for its two parties. `superior` is the conversation's
 * leader (the view names only the leader assessed); `status` reloads the round when the conversation moves on.
 */
export function FeedbackPanel(props: {
  api: Api;
  conversationId: string;
  templateKey: string;
  status: string;
  superior: string;
}) {
  const { api, conversationId, status } = props;
  const styles = useStyles();
  const { words } = useI18n();
  const w = words.feedback.tab;
  const titleId = useId();
  const [view, setView] = useState<FeedbackView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // After an action, focus goes to what is new (the progress, the result), so it is read out.
  const [focusId, setFocusId] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api
        .call('getFeedbackRound', { params: { id: conversationId } })
        .then(setView, (e: unknown) => setError(errorText(e))),
    [api, conversationId],
  );
  useEffect(() => {
    void load();
  }, [load, status]);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, view]);

  const changed = (next: FeedbackView, focus: string | null) => {
    setView(next);
    setError(null);
    setFocusId(focus);
  };

  if (!view) return error ? <ErrorNotice message={error} /> : null;
  if (!view.available || (!view.round && !view.canOpen)) return null;

  return (
    <Card className={styles.card} role="region" aria-labelledby={titleId} data-feedback="">
      <Title3 as="h2" block id={titleId}>
        {w.title}
      </Title3>
      {view.round ? (
        <RoundPart
          api={api}
          conversationId={conversationId}
          view={view}
          round={view.round}
          superior={props.superior}
          onChange={changed}
        />
      ) : (
        <AskPart
          api={api}
          conversationId={conversationId}
          templateKey={props.templateKey}
          view={view}
          onChange={changed}
        />
      )}
      {error && <ErrorNotice message={error} />}
    </Card>
  );
}

type Changed = (next: FeedbackView, focus: string | null) => void;

/** No round yet: what will be asked, whom, until when. */
function AskPart({
  api,
  conversationId,
  templateKey,
  view,
  onChange,
}: {
  api: Api;
  conversationId: string;
  templateKey: string;
  view: FeedbackView;
  onChange: Changed;
}) {
  const styles = useStyles();
  const { words, date } = useI18n();
  const w = words.feedback.tab;
  const min = view.minAnswers;
  const subject = view.subject.name;
  const statementsId = useId();
  const reports = view.candidates.filter((c) => c.relation === 'report');
  const peers = view.candidates.filter((c) => c.relation === 'peer');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(reports.map((r) => r.oid)));
  // The server's days, not this machine's clock: from today to the day before the conversation.
  const today = view.earliestClose;
  const [closesOn, setClosesOn] = useState(() => minDay(addDays(today, 14), view.latestClose));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const statements = FEEDBACK_STATEMENTS[templateKey] ?? [];

  const toggle = (oid: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(oid);
      else next.delete(oid);
      return next;
    });

  const submit = () => {
    // The server's own sentence for what is wrong, said before asking it.
    if (chosen.size < min) {
      setProblem(fill(words.errors.FEEDBACK_TOO_FEW_ASKED, { min }));
      return;
    }
    if (!closesOn || closesOn < today || closesOn > view.latestClose) {
      setProblem(words.errors.FEEDBACK_CLOSES_OUTSIDE);
      return;
    }
    setBusy(true);
    setProblem(null);
    api
      .call('openFeedbackRound', {
        params: { id: conversationId },
        body: { respondents: [...chosen], closesOn },
      })
      .then(
        (next) => onChange(next, PROGRESS_ID),
        (e: unknown) => setProblem(errorText(e)),
      )
      .finally(() => setBusy(false));
  };

  const person = (c: FeedbackView['candidates'][number]) => (
    <Checkbox
      key={c.oid}
      label={c.name}
      checked={chosen.has(c.oid)}
      onChange={(_, d) => toggle(c.oid, d.checked === true)}
    />
  );

  return (
    <>
      <Text as="p" block>
        {view.you === 'subject' ? w.introSubject : fill(w.introSuperior, { name: subject })}
      </Text>
      <Text as="p" block>
        {view.you === 'subject'
          ? fill(w.privacySubject, { min })
          : fill(w.privacySuperior, { min, name: subject })}
      </Text>
      {statements.length > 0 && (
        <div className={styles.stack}>
          <Text as="h3" weight="semibold" block id={statementsId}>
            {w.statementsAsked}
          </Text>
          <ol className={styles.statements} aria-labelledby={statementsId}>
            {statements.map((key) => (
              <li key={key}>{statementText(words.feedback.statements, key)}</li>
            ))}
            <li>{words.feedback.freeText}</li>
          </ol>
          <Text size={200} block>
            {words.feedback.scale}
          </Text>
        </div>
      )}
      {view.candidates.length < min ? (
        <Text as="p" block weight="semibold">
          {fill(w.tooFewCandidates, { min })}
        </Text>
      ) : (
        <form
          className={styles.form}
          aria-label={w.start}
          // The form says what is wrong in its own words, in the person's language, not the browser's.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{w.reports}</legend>
            <div className={styles.people}>{reports.map(person)}</div>
          </fieldset>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{w.peers}</legend>
            {peers.length === 0 ? (
              <Text block>{w.noPeers}</Text>
            ) : (
              <div className={styles.people}>{peers.map(person)}</div>
            )}
          </fieldset>
          <Text role="status" block>
            {fill(w.chosen, { count: chosen.size, min })}
          </Text>
          <Field
            label={w.closesOn}
            required
            hint={fill(w.closesHint, { date: date(view.latestClose) })}
            className={styles.date}
          >
            <Input
              type="date"
              value={closesOn}
              min={today}
              max={view.latestClose}
              onChange={(_, d) => setClosesOn(d.value)}
            />
          </Field>
          {problem && <ErrorNotice message={problem} formProblem />}
          <div>
            <Button appearance="primary" type="submit" disabledFocusable={busy}>
              {w.start}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}

const PROGRESS_ID = 'feedback-progress';
const RESULT_ID = 'feedback-result';

/** A round under way or over: progress, closing early, and the result with whom it reaches. */
function RoundPart({
  api,
  conversationId,
  view,
  round,
  superior,
  onChange,
}: {
  api: Api;
  conversationId: string;
  view: FeedbackView;
  round: Round;
  superior: string;
  onChange: Changed;
}) {
  const styles = useStyles();
  const { words, date } = useI18n();
  const w = words.feedback.tab;
  const min = view.minAnswers;
  const subject = view.subject.name;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const close = () => {
    setBusy(true);
    setProblem(null);
    api
      .call('closeFeedbackRound', { params: { id: conversationId } })
      .then(
        (next) => onChange(next, next.round?.result ? RESULT_ID : PROGRESS_ID),
        (e: unknown) => setProblem(errorText(e)),
      )
      .finally(() => setBusy(false));
  };

  const progress = (
    <Text as="p" block weight="semibold" id={PROGRESS_ID} tabIndex={-1} className={styles.focusable}>
      {fill(w.progress, { answered: round.answered, invited: round.invited })}
      {!round.open && ` ${w.closed}`}
    </Text>
  );

  if (round.open)
    return (
      <>
        {progress}
        <Text as="p" block>
          {fill(w.openUntil, { date: date(round.closesOn) })}{' '}
          {/* Only the two parties open rounds: the one who did is either the subject or the superior. */}
          {(view.you === 'subject') === (round.openedBy.oid === view.subject.oid)
            ? w.openedByYou
            : fill(w.openedBy, { name: round.openedBy.name })}
        </Text>
        <Text as="p" block>
          {view.you === 'subject' ? w.waiting : fill(w.privacySuperior, { min, name: subject })}
        </Text>
        {round.canClose ? (
          <div>
            <Button onClick={close} disabledFocusable={busy}>
              {w.closeNow}
            </Button>
          </div>
        ) : (
          <Text as="p" block>
            {fill(w.closeHint, { min })}
          </Text>
        )}
        {problem && <ErrorNotice message={problem} />}
      </>
    );

  const result = round.result;
  if (!result)
    return (
      <>
        {progress}
        <Text as="p" block>
          {round.answered < min
            ? fill(w.tooFew, { answered: round.answered, min })
            : view.you === 'superior' && round.shared === 'private'
              ? fill(w.notShared, { name: subject })
              : w.waiting}
        </Text>
      </>
    );

  return (
    <>
      {view.you === 'superior' && (
        <Text as="p" block>
          {fill(w.sharedWithYou, { name: subject })}
          {round.shared === 'record' && ` ${w.inRecord}`}
        </Text>
      )}
      <ResultView result={result} subject={subject} />
      {view.you === 'subject' && (
        <ShareChoice
          api={api}
          conversationId={conversationId}
          round={round}
          superior={superior}
          onChange={onChange}
        />
      )}
    </>
  );
}

/**
 * The figures per statement and the comments, as the server gives them (never who wrote what). The
 * comments come only to the leader assessed (null to the superior): those who wrote them were told so.
 */
function ResultView({ result, subject }: { result: Result; subject: string }) {
  const styles = useStyles();
  const { words } = useI18n();
  const w = words.feedback.tab;
  // One decimal always written ("4,0"), as the reader writes numbers.
  const average = useMemo(
    () => new Intl.NumberFormat(words.meta.tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    [words.meta.tag],
  );
  const caption = fill(w.result, { count: result.answered });
  return (
    <>
      <Title3
        as="h3"
        block
        id={RESULT_ID}
        tabIndex={-1}
        className={styles.focusable}
        style={{ fontSize: tokens.fontSizeBase400 }}
      >
        {caption}
      </Title3>
      <Text size={200} block>
        {words.feedback.scale}
      </Text>
      <Table size="small" aria-labelledby={RESULT_ID} className={styles.table}>
        <TableHeader className={styles.head}>
          <TableRow>
            <TableHeaderCell>{w.statement}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>{w.average}</TableHeaderCell>
            {[1, 2, 3, 4, 5].map((n) => (
              <TableHeaderCell key={n} className={styles.number}>
                <span aria-hidden="true">{n}</span>
                <SrOnly>{fill(w.answersWith, { n })}</SrOnly>
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody className={styles.body}>
          {result.statements.map((s) => (
            <TableRow key={s.key} className={styles.row}>
              <TableCell className={styles.statementCell}>
                {statementText(words.feedback.statements, s.key)}
              </TableCell>
              <TableCell className={mergeClasses(styles.number, styles.averageCell)} data-label={w.average}>
                {average.format(s.average)}
              </TableCell>
              {s.counts.map((count, i) => (
                <TableCell
                  key={i}
                  className={mergeClasses(styles.number, styles.countCell)}
                  data-short={String(i + 1)}
                >
                  {count}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {result.texts === null ? (
        <Text as="p" block>
          {fill(w.textsPrivate, { name: subject })}
        </Text>
      ) : (
        <Comments texts={result.texts} />
      )}
    </>
  );
}

function Comments({ texts }: { texts: readonly string[] }) {
  const styles = useStyles();
  const { words } = useI18n();
  const w = words.feedback.tab;
  const textsId = useId();
  return (
    <>
      <Text as="h3" weight="semibold" block id={textsId}>
        {w.texts}
      </Text>
      {texts.length === 0 ? (
        <Text block>{w.noTexts}</Text>
      ) : (
        <ul className={styles.texts} aria-labelledby={textsId}>
          {texts.map((text, i) => (
            // The server's order is random and the texts carry nothing else: the place is the key.
            <li key={i} className={styles.text}>
              {text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The assessed leader's choice of who sees the result, saved as it is made. */
function ShareChoice({
  api,
  conversationId,
  round,
  superior,
  onChange,
}: {
  api: Api;
  conversationId: string;
  round: Round;
  superior: string;
  onChange: Changed;
}) {
  const { words, t } = useI18n();
  const w = words.feedback.tab;
  // The choice being saved shows at once; the server's answer then confirms it or puts it back.
  const [choice, setChoice] = useState<Share | null>(null);
  // Saved is said at render time, so it follows a change of language; an error keeps the server's words.
  const [said, setSaid] = useState<{ ok: true } | { ok: false; text: string } | null>(null);
  const label: Record<Share, string> = {
    private: w.sharePrivate,
    shared: fill(w.shareShared, { name: superior }),
    record: fill(w.shareRecord, { name: superior }),
  };
  const choose = (shared: Share) => {
    setChoice(shared);
    setSaid(null);
    api
      .call('shareFeedbackResult', { params: { id: conversationId }, body: { shared } })
      .then(
        (next) => {
          // Focus stays on the choice just made; the saved state is said in the status line.
          onChange(next, null);
          setSaid({ ok: true });
        },
        (e: unknown) => setSaid({ ok: false, text: errorText(e) }),
      )
      .finally(() => setChoice(null));
  };
  return (
    <>
      <Field label={w.shareLegend} hint={round.canShare ? w.shareNote : `${w.shareNote} ${w.shareLocked}`}>
        {/* Not disabled while saving: a focused radio that is disabled drops the keyboard's focus. */}
        <RadioGroup
          value={choice ?? round.shared}
          disabled={!round.canShare}
          onChange={(_, d) => {
            if (isShare(d.value) && d.value !== (choice ?? round.shared)) choose(d.value);
          }}
        >
          {SHARES.map((s) => (
            <Radio key={s} value={s} label={label[s]} />
          ))}
        </RadioGroup>
      </Field>
      {said?.ok === false ? (
        <ErrorNotice message={said.text} />
      ) : (
        <Text role="status" block size={200}>
          {said ? t('saved') : ''}
        </Text>
      )}
    </>
  );
}

function statementText(statements: Record<string, string | undefined>, key: string): string {
  return statements[key] ?? '';
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const minDay = (a: string, b: string) => (a < b ? a : b);
