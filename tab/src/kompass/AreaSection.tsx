// One area of a round: its sub-areas in a table (each assessor's score, the agreed score or the two
// that differ, the justifications), the area's sums, and its Styrker / Utfordringer / Svakheter. An
// assessor scores while the round is being assessed: points saved on leaving the field or on Enter,
// with the justification; the server's answer (the whole round) replaces the page's view. For whoever
// writes the municipality's plan, each line of Utfordringer and Svakheter can be made a goal of it.
import {
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Subtitle1,
  Textarea,
  makeStaticStyles,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorText, type Api } from '../api.ts';
import { ConflictView, SaveStatus } from '../form/SaveStatus.tsx';
import { useSaver } from '../form/useSaver.ts';
import { FindingGoals, findingLines, type Taken } from './FindingGoals.tsx';
import { useKompassWords, type RoundArea, type RoundSubArea, type RoundView } from './words.ts';

const NOTE_KINDS = ['styrker', 'utfordringer', 'svakheter'] as const;
type NoteKind = (typeof NOTE_KINDS)[number];

// The sub-area table has inputs beside long titles: below 900 px it becomes one block per sub-area,
// each value under its heading (as the shared `stack` tables do below 640 px).
const useStackStyles = makeStaticStyles(`@media (max-width: 900px) {
  table.kompass-stack, table.kompass-stack tbody, table.kompass-stack tr, table.kompass-stack td {
    display: block; width: auto;
  }
  table.kompass-stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.kompass-stack tr { height: auto; padding: 8px 0; border-bottom: 1px solid ${tokens.colorNeutralStroke2}; }
  table.kompass-stack td { height: auto; padding: 4px 0; }
  table.kompass-stack td[data-label]::before {
    content: attr(data-label); display: block; font-weight: ${tokens.fontWeightSemibold};
    color: ${tokens.colorNeutralForeground3};
  }
  /* A short value (a maximum, a score read) stays on its label's line. */
  table.kompass-stack td[data-inline]::before { content: attr(data-label) ": "; display: inline; }
}`);

const useStyles = makeStyles({
  area: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalS },
  },
  head: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM, alignItems: 'baseline' },
  heading: { margin: 0 },
  subAreaColumn: { width: '32%' },
  muted: { color: tokens.colorNeutralForeground3 },
  table: { tableLayout: 'fixed', width: '100%' },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  headCell: { verticalAlign: 'bottom' },
  max: { width: '4.5rem' },
  score: { width: '9.5rem' },
  agreed: { width: '10.5rem' },
  questions: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  questionsLabel: { display: 'block', marginTop: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase200 },
  disagree: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  agreedScore: { fontWeight: tokens.fontWeightSemibold },
  scoreInput: { width: '100%', maxWidth: '8rem' },
  error: { display: 'block', color: tokens.colorPaletteRedForeground1, marginTop: tokens.spacingVerticalXXS },
  status: { display: 'block', minHeight: '1.4em', color: tokens.colorNeutralForeground3 },
  justifications: { display: 'grid', gap: tokens.spacingVerticalXS },
  justification: { whiteSpace: 'pre-wrap' },
  sums: { fontWeight: tokens.fontWeightSemibold },
  notes: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 18rem), 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  note: { display: 'grid', gap: tokens.spacingVerticalXS, alignContent: 'start', minWidth: 0 },
  noteText: { whiteSpace: 'pre-wrap', margin: 0 },
  noteHeading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

export function AreaSection(props: {
  api: Api;
  view: RoundView;
  area: RoundArea;
  /** The caller's place among the assessors (-1: not one). */
  mine: number;
  onView: (view: RoundView) => void;
}) {
  useStackStyles();
  const styles = useStyles();
  const { k, kw, number } = useKompassWords();
  const { view, area, mine } = props;
  const scoring = view.can.score && mine >= 0;
  // The lines made goals on this page, per note: the server does not say which were taken before.
  const [taken, setTaken] = useState<Record<string, Record<string, Taken>>>({});
  const findings = (kind: NoteKind) =>
    view.can.makeGoals && kind !== 'styrker' ? (
      <FindingGoals
        api={props.api}
        roundId={view.id}
        area={area.number}
        kind={kind}
        label={kw.notes[kind]}
        lines={findingLines(area.notes[kind]?.text)}
        taken={taken[kind] ?? {}}
        onTaken={(line, t) => setTaken((all) => ({ ...all, [kind]: { ...all[kind], [line]: t } }))}
      />
    ) : null;
  const heading = k('areaHeading', { number: area.number, title: area.title });
  const headingId = `kompass-area-${area.number}`;
  const names = view.assessors.map((a, i) => (i === mine ? k('colYou', { name: a.name }) : a.name));
  const sums = [
    ...view.assessors.map((a, i) => k('sumOf', { name: a.name, sum: number(area.sums.byAssessor[i] ?? 0) })),
    area.sums.agreed === null ? k('sumAgreedNone') : k('sumAgreed', { sum: number(area.sums.agreed) }),
  ].join(' · ');

  return (
    <section className={styles.area} aria-labelledby={headingId} data-kompass-area={area.number}>
      <div className={styles.head}>
        <Subtitle1 as="h3" id={headingId} className={styles.heading}>
          {heading}
        </Subtitle1>
        <Text className={styles.muted}>{k('areaMax', { max: number(area.max) })}</Text>
      </div>
      <Table className={`stack kompass-stack ${styles.table}`} aria-labelledby={headingId} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={mergeClasses(styles.headCell, styles.subAreaColumn)}>
              {k('colSubArea')}
            </TableHeaderCell>
            <TableHeaderCell className={mergeClasses(styles.headCell, styles.max)}>
              {k('colMax')}
            </TableHeaderCell>
            {names.map((name, i) => (
              <TableHeaderCell
                key={view.assessors[i]?.oid}
                className={mergeClasses(styles.headCell, styles.score)}
              >
                {name}
              </TableHeaderCell>
            ))}
            <TableHeaderCell className={mergeClasses(styles.headCell, styles.agreed)}>
              {k('colAgreed')}
            </TableHeaderCell>
            <TableHeaderCell className={styles.headCell}>{k('colJustification')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {area.subAreas.map((sub) => (
            <SubAreaRow
              key={sub.code}
              api={props.api}
              view={view}
              sub={sub}
              names={names}
              mine={scoring ? mine : -1}
              onView={props.onView}
            />
          ))}
        </TableBody>
      </Table>
      <Text block className={styles.sums} data-testid={`sums-${area.number}`}>
        {k('sums', { max: number(area.max), parts: sums })}
      </Text>
      <div className={styles.notes}>
        {NOTE_KINDS.map((kind) =>
          scoring ? (
            <NoteEditor
              key={kind}
              api={props.api}
              view={view}
              area={area}
              kind={kind}
              label={kw.notes[kind]}
              ariaLabel={k('noteLabel', { kind: kw.notes[kind], area: heading })}
              onView={props.onView}
            >
              {findings(kind)}
            </NoteEditor>
          ) : (
            <NoteRead key={kind} note={area.notes[kind]} label={kw.notes[kind]} findings={findings(kind)} />
          ),
        )}
      </div>
    </section>
  );
}

type Origin = 'points' | 'justification';
type Status =
  | { state: 'idle' }
  | { state: 'saving' | 'saved'; field: Origin }
  | { state: 'error'; field: Origin; message: string };

/**
 * The caller's own score and justification of a sub-area, as typed, saved together (the server keeps
 * them as one): on leaving either field or on Enter in the points, one request at a time, the newest
 * text saved after the one in flight. What the server refuses stays typed, with its reason.
 */
function useOwnScore(
  api: Api,
  roundId: string,
  sub: RoundSubArea,
  mine: number,
  onView: (view: RoundView) => void,
) {
  const { k, points, number, parseNumber } = useKompassWords();
  const serverPoints = mine >= 0 ? (sub.scores[mine] ?? null) : null;
  const serverJust = mine >= 0 ? (sub.justifications[mine] ?? '') : '';
  const [text, setTextState] = useState(serverPoints === null ? '' : points(serverPoints));
  const [just, setJustState] = useState(serverJust);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const current = useRef({ text, just });
  const saved = useRef({ points: serverPoints, just: serverJust });
  const busy = useRef(false);
  const again = useRef<Origin | null>(null);

  // The server's values changed (this save, or a reload): shown unless something else is typed.
  useEffect(() => {
    const clean =
      parseNumber(current.current.text) === saved.current.points &&
      current.current.just.trim() === saved.current.just.trim();
    saved.current = { points: serverPoints, just: serverJust };
    if (!clean) return;
    const shown = serverPoints === null ? '' : points(serverPoints);
    current.current = { text: shown, just: serverJust };
    setTextState(shown);
    setJustState(serverJust);
  }, [serverPoints, serverJust, parseNumber, points]);

  const save = useCallback(
    async (field: Origin): Promise<void> => {
      if (busy.current) {
        again.current = field;
        return;
      }
      const typed = parseNumber(current.current.text);
      const justification = current.current.just.trim();
      if (typed === saved.current.points && justification === saved.current.just.trim()) {
        setStatus((s) => (s.state === 'error' ? { state: 'idle' } : s));
        return;
      }
      if (typed === null) {
        setStatus(
          saved.current.points !== null
            ? { state: 'error', field: 'points', message: k('scoreEmpty', { max: sub.max }) }
            : justification !== ''
              ? { state: 'error', field, message: k('justificationNeedsScore') }
              : { state: 'idle' },
        );
        return;
      }
      if (Number.isNaN(typed)) {
        setStatus({ state: 'error', field: 'points', message: k('scoreNotNumber') });
        return;
      }
      busy.current = true;
      setStatus({ state: 'saving', field });
      try {
        const next = await api.call('scoreSubArea', {
          params: { id: roundId, code: sub.code },
          body: { points: typed, justification: justification || null },
        });
        saved.current = { points: typed, just: justification };
        setStatus({ state: 'saved', field });
        onView(next);
      } catch (e) {
        // The server's reason names the sub-area's maximum.
        setStatus({ state: 'error', field, message: errorText(e) });
      } finally {
        busy.current = false;
      }
      const queued = again.current;
      again.current = null;
      if (queued) await save(queued);
    },
    [api, roundId, sub.code, sub.max, onView, k, number, parseNumber],
  );

  return {
    text,
    just,
    status,
    save,
    setText: (value: string) => {
      current.current = { ...current.current, text: value };
      setTextState(value);
    },
    setJust: (value: string) => {
      current.current = { ...current.current, just: value };
      setJustState(value);
    },
  };
}

/** A sub-area's row; the caller's own score and justification are fields while they may score. */
function SubAreaRow(props: {
  api: Api;
  view: RoundView;
  sub: RoundSubArea;
  names: string[];
  mine: number;
  onView: (view: RoundView) => void;
}) {
  const styles = useStyles();
  const { k, t, points, list } = useKompassWords();
  const { sub, view, mine, names } = props;
  const own = useOwnScore(props.api, view.id, sub, mine, props.onView);
  const id = useId(`score-${sub.code}`);
  const given = sub.scores.filter((s): s is number => s !== null);
  const statusOf = (field: Origin) => {
    const s = own.status;
    if (s.state === 'idle' || s.field !== field) return null;
    if (s.state === 'error') return <span className={styles.error}>{s.message}</span>;
    return s.state === 'saving' ? t('saving') : t('saved');
  };
  const failed = (field: Origin) => own.status.state === 'error' && own.status.field === field;

  return (
    <TableRow data-sub-area={sub.code}>
      {/* The title heads the row's block on a narrow screen: it needs no label of its own there. */}
      <TableCell className={styles.cell}>
        <Text weight="semibold">{k('subArea', { code: sub.code, title: sub.title })}</Text>
        {sub.questions.length > 0 && (
          <>
            <Text className={styles.questionsLabel}>{k('questions')}</Text>
            <ul className={styles.questions}>
              {sub.questions.map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ul>
          </>
        )}
      </TableCell>
      <TableCell className={styles.cell} data-label={k('colMax')} data-inline="">
        {sub.max}
      </TableCell>
      {view.assessors.map((a, i) => (
        <TableCell
          key={a.oid}
          className={styles.cell}
          data-label={names[i]}
          {...(i === mine ? {} : { 'data-inline': '' })}
        >
          {i === mine ? (
            <>
              <Field validationState={failed('points') ? 'error' : 'none'}>
                <Input
                  className={styles.scoreInput}
                  inputMode="decimal"
                  autoComplete="off"
                  aria-label={k('yourScore', { code: sub.code, title: sub.title })}
                  aria-describedby={`${id}-hint ${id}-status`}
                  aria-invalid={failed('points') || undefined}
                  value={own.text}
                  onChange={(_, d) => own.setText(d.value)}
                  onBlur={() => void own.save('points')}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void own.save('points');
                    }
                  }}
                />
              </Field>
              <Text id={`${id}-hint`} size={200} className={styles.muted} block>
                {k('scoreHint', { max: sub.max })}
              </Text>
              <Text id={`${id}-status`} size={200} className={styles.status} role="status">
                {statusOf('points')}
              </Text>
            </>
          ) : sub.scores[i] === null || sub.scores[i] === undefined ? (
            <Text className={styles.muted}>{k('notScored')}</Text>
          ) : (
            <Text>{points(sub.scores[i])}</Text>
          )}
        </TableCell>
      ))}
      <TableCell className={styles.cell} data-label={k('colAgreed')} data-inline="">
        {sub.disagreement ? (
          <Text className={styles.disagree}>{k('disagree', { scores: list(given.map(points)) })}</Text>
        ) : sub.agreed !== null ? (
          <Text className={styles.agreedScore}>{points(sub.agreed)}</Text>
        ) : (
          <Text className={styles.muted}>{k('notAgreed')}</Text>
        )}
      </TableCell>
      <TableCell className={styles.cell} data-label={k('colJustification')}>
        <div className={styles.justifications}>
          {view.assessors.map((a, i) =>
            i === mine ? (
              <div key={a.oid}>
                <Textarea
                  resize="vertical"
                  rows={2}
                  style={{ width: '100%' }}
                  aria-label={k('yourJustification', { code: sub.code, title: sub.title })}
                  aria-describedby={`${id}-just-status`}
                  aria-invalid={failed('justification') || undefined}
                  value={own.just}
                  onChange={(_, d) => own.setJust(d.value)}
                  onBlur={() => void own.save('justification')}
                />
                <Text id={`${id}-just-status`} size={200} className={styles.status} role="status">
                  {statusOf('justification')}
                </Text>
              </div>
            ) : sub.justifications[i] ? (
              <Text key={a.oid} className={styles.justification}>
                {k('justificationOf', { name: a.name, text: sub.justifications[i] })}
              </Text>
            ) : null,
          )}
        </div>
      </TableCell>
    </TableRow>
  );
}

/** Styrker, Utfordringer or Svakheter as an assessor writes it: saved as typed, at the note's version. */
function NoteEditor(props: {
  api: Api;
  view: RoundView;
  area: RoundArea;
  kind: NoteKind;
  label: string;
  ariaLabel: string;
  onView: (view: RoundView) => void;
  /** The saved note's lines to make goals of, under the field. */
  children?: React.ReactNode;
}) {
  const styles = useStyles();
  const note = props.area.notes[props.kind];
  const { api, view, area, kind, onView } = props;
  const write = useCallback(
    async (text: string, baseVersion: number) => {
      try {
        const next = await api.call('saveAreaNote', {
          params: { id: view.id, area: area.number, kind },
          body: { text, baseVersion },
        });
        onView(next);
        return next.areas.find((a) => a.number === area.number)?.notes[kind]?.version ?? baseVersion + 1;
      } catch (e) {
        // The server names the note as it is now; the shared conflict view reads it as value and version.
        if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
          const current = e.details?.current as { text: string; version: number } | null | undefined;
          throw new ApiError(409, {
            error: {
              code: 'VERSION_CONFLICT',
              message: e.message,
              messages: { nb: e.message, nn: e.message, en: e.message },
              details: {
                current: { value: current?.text ?? '', version: current?.version ?? 0, updatedBy: null },
              },
            },
          });
        }
        throw e;
      }
    },
    [api, view.id, area.number, kind, onView],
  );
  const saver = useSaver<string>({
    value: note?.text ?? '',
    version: note?.version ?? 0,
    write: (text, baseVersion) => write(text, baseVersion),
  });
  return (
    <div className={styles.note} data-note={kind}>
      <Field label={{ children: props.label, weight: 'semibold' }}>
        <Textarea
          resize="vertical"
          rows={4}
          aria-label={props.ariaLabel}
          value={saver.draft}
          onChange={(_, d) => saver.setDraft(d.value)}
          onBlur={() => void saver.flush()}
        />
      </Field>
      <SaveStatus state={saver.state} error={saver.error} onRetry={saver.retry} />
      {saver.conflict && (
        <ConflictView
          mine={saver.draft}
          theirs={typeof saver.conflict.value === 'string' ? saver.conflict.value : ''}
          by=""
          canMerge
          onResolve={saver.resolve}
        />
      )}
      {props.children}
    </div>
  );
}

/**
 * A note as others read it, with who wrote it last. With `findings` (its lines to make goals of), those
 * lines stand for the text.
 */
function NoteRead({
  note,
  label,
  findings,
}: {
  note: RoundArea['notes'][NoteKind];
  label: string;
  findings: React.ReactNode;
}) {
  const styles = useStyles();
  const { k, dateTime } = useKompassWords();
  return (
    <div className={styles.note}>
      <h4 className={styles.noteHeading}>{label}</h4>
      {note && note.text.trim() !== '' ? (
        <>
          {findings && findingLines(note.text).length > 0 ? (
            findings
          ) : (
            <p className={styles.noteText}>{note.text}</p>
          )}
          <Text size={200} className={styles.muted}>
            {k('noteBy', { name: note.by.name, date: dateTime(note.at) })}
          </Text>
        </>
      ) : (
        <Text className={styles.muted}>{k('noteEmpty')}</Text>
      )}
    </div>
  );
}
