// From findings to goals: for whoever writes the municipality's own plan, each line of an area's
// Utfordringer or Svakheter note with a button that makes it a goal of that plan. The server does not
// say which lines were taken before; a line taken on this page is marked so (and its button disabled)
// until the page is left, since a second click would add the goal again.
import { Button, Text, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useState } from 'react';
import { errorText, type Api } from '../api.ts';
import { RouterLink } from '../pages/common.tsx';
import { useKompassWords } from './words.ts';

export type FindingKind = 'utfordringer' | 'svakheter';
/** Where a line went: the plan that took it as a goal. */
export type Taken = { planId: string; year: number };

/**
 * A note's lines as the server reads them: one per line of text, without a leading "- ", "• " or "* ",
 * blank lines left out (each once).
 */
export function findingLines(text: string | undefined): string[] {
  const lines = (text ?? '')
    .split('\n')
    .map((line) => line.trim().replace(/^[-•*]\s+/, ''))
    .filter((line) => line !== '');
  return [...new Set(lines)];
}

const useStyles = makeStyles({
  block: { display: 'grid', gap: tokens.spacingVerticalXS, minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
  list: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
  lineText: { flex: '1 1 10rem', minWidth: 0, overflowWrap: 'break-word' },
  button: { flex: 'none' },
  result: { flexBasis: '100%' },
  error: { flexBasis: '100%', color: tokens.colorPaletteRedForeground1 },
});

export function FindingGoals(props: {
  api: Api;
  roundId: string;
  area: number;
  kind: FindingKind;
  /** The note's name (Utfordringer, Svakheter). */
  label: string;
  lines: string[];
  taken: Record<string, Taken>;
  onTaken: (line: string, taken: Taken) => void;
}) {
  const styles = useStyles();
  const { k } = useKompassWords();
  const hintId = useId('finding-hint');
  if (props.lines.length === 0) return null;
  return (
    <div className={styles.block} data-findings={props.kind}>
      <Text id={hintId} size={200} className={styles.hint}>
        {k('findingsHint')}
      </Text>
      <ul
        className={styles.list}
        aria-label={k('findingsLabel', { kind: props.label })}
        aria-describedby={hintId}
      >
        {props.lines.map((line) => (
          <FindingLine
            key={line}
            api={props.api}
            roundId={props.roundId}
            area={props.area}
            kind={props.kind}
            line={line}
            taken={props.taken[line]}
            onTaken={(t) => props.onTaken(line, t)}
          />
        ))}
      </ul>
    </div>
  );
}

function FindingLine(props: {
  api: Api;
  roundId: string;
  area: number;
  kind: FindingKind;
  line: string;
  taken: Taken | undefined;
  onTaken: (taken: Taken) => void;
}) {
  const styles = useStyles();
  const { k, kw } = useKompassWords();
  const { line, taken } = props;
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const make = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const made = await props.api.call('makeGoalFromFinding', {
        params: { id: props.roundId, area: props.area },
        body: { kind: props.kind, text: line },
      });
      props.onTaken({ planId: made.planId, year: made.year });
    } catch (e) {
      setFailed(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  // "Lagt til som mål i {plan}": the plan's name is the link to it.
  const [before = '', after = ''] = kw.goalMade.split('{plan}');
  return (
    <li className={styles.line} data-finding={line}>
      <Text className={styles.lineText}>{line}</Text>
      {/* Focusable while disabled: the focus stays where it was when the goal is made. */}
      <Button
        size="small"
        className={styles.button}
        disabledFocusable={busy || taken !== undefined}
        aria-label={k('makeGoalLabel', { line })}
        onClick={() => void make()}
      >
        {k('makeGoal')}
      </Button>
      {/* Present before it has anything to say, so that what it says is read out. */}
      <Text role="status" size={200} className={styles.result}>
        {taken && (
          <>
            {before}
            <RouterLink href={`/plans/${taken.planId}`}>{k('goalMadePlan', { year: taken.year })}</RouterLink>
            {after}
          </>
        )}
      </Text>
      {failed && (
        <Text role="alert" size={200} className={styles.error}>
          {failed}
        </Text>
      )}
    </li>
  );
}
