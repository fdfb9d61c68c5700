// "Bidrar til": the unit goal a goal of the conversation serves (a plan row, or a hovedmål written as
// text), picked from that year's plans of the employee's unit and the units above it. The link is not
// part of the signed record: the parties may set it in any status, and it saves as soon as it is picked.
import { Button, Label, Select, Text, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../src/contract/endpoints.ts';
import { fill, type Vars } from '../../../src/contract/words/format.ts';
import { errorText } from '../api.ts';
import { useI18n } from '../i18n.ts';

/** The goals a conversation's goals may serve, read once per page (parties only). */
export type ServableGoals = ResponseOf<'listServableGoals'>;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  label: { flex: '0 0 auto' },
  // Beside its label where there is room, else under it at the card's full width; never wider than the
  // row or card: a native select is otherwise as wide as its longest option, however narrow the card.
  select: { flex: '1 1 20rem', minWidth: 0, maxWidth: '48rem', contain: 'inline-size' },
  // Like the cells' save status (SaveStatus): muted, beside the choice, announced politely.
  status: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  failed: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The serves subsection's words. */
export function useServesWords() {
  const { words } = useI18n();
  const w = words.tab.serves;
  return (key: keyof typeof w, vars?: Vars) => fill(w[key], vars);
}

/** A short muted line where there is no plan for the year, instead of an empty choice. */
export function NoServablePlan({ year }: { year: number }) {
  const styles = useStyles();
  const s = useServesWords();
  return (
    <Text block size={200} className={styles.muted} data-serves-none>
      {s('noPlan', { year })}
    </Text>
  );
}

type State = 'idle' | 'saving' | 'saved' | 'error';

export function ServesPicker(props: {
  goals: ServableGoals['goals'];
  /** The goal the server has linked now. */
  value: string | null;
  /** The accessible name: the visible label and which goal it is for ("Bidrar til, rad 1: …"). */
  name: string;
  /** Saves the link; resolves with the goal the server then has. */
  write: (goalId: string | null) => Promise<string | null>;
  onSaved: () => void;
}) {
  const styles = useStyles();
  const s = useServesWords();
  const id = useId('serves');
  const [shown, setShown] = useState<string | null>(props.value);
  const [state, setState] = useState<State>('idle');
  const [failed, setFailed] = useState<{ goalId: string | null; message: string } | null>(null);
  // Only the newest request's answer counts when the choice is changed again before it is saved.
  const latest = useRef(0);
  const saving = useRef(false);
  const write = useRef(props.write);
  write.current = props.write;
  const server = useRef(props.value);
  server.current = props.value;

  // The server moved on (the other party picked, a reload): show its value unless a save is under way.
  useEffect(() => {
    if (!saving.current) setShown(props.value);
  }, [props.value]);

  const labelOf = (goalId: string | null) => {
    if (goalId === null) return s('none');
    const g = props.goals.find((x) => x.id === goalId);
    if (!g) return s('none');
    return g.removed ? s('removed', { goal: g.goal }) : s('goal', { goal: g.goal, unit: g.unit.name });
  };

  const save = (goalId: string | null) => {
    const n = ++latest.current;
    saving.current = true;
    setShown(goalId);
    setState('saving');
    setFailed(null);
    write.current(goalId).then(
      (now) => {
        if (n !== latest.current) return;
        saving.current = false;
        setShown(now);
        setState('saved');
        props.onSaved();
      },
      (e: unknown) => {
        if (n !== latest.current) return;
        saving.current = false;
        // The choice shown is what the server has; the one that failed is named, and can be tried again.
        setShown(server.current);
        setFailed({ goalId, message: errorText(e) });
        setState('error');
      },
    );
  };

  // A goal since taken out of its plan is offered only while it is the one linked.
  const options = props.goals.filter((g) => !g.removed || g.id === shown || g.id === props.value);
  return (
    <div className={styles.root} data-serves>
      <Label htmlFor={id} className={styles.label} weight="semibold">
        {s('label')}
      </Label>
      <Select
        id={id}
        aria-label={props.name}
        className={styles.select}
        value={shown ?? ''}
        title={labelOf(shown)}
        onChange={(_, d) => save(d.value === '' ? null : d.value)}
      >
        <option value="">{s('none')}</option>
        {options.map((g) => (
          <option key={g.id} value={g.id}>
            {labelOf(g.id)}
          </option>
        ))}
      </Select>
      <div className={styles.status} role="status" aria-live="polite">
        {state === 'saving' && s('saving')}
        {state === 'saved' && s('saved')}
        {state === 'error' && failed && (
          <>
            <Text className={styles.failed}>
              {s('failed', { choice: labelOf(failed.goalId), message: failed.message })}
            </Text>
            <Button size="small" onClick={() => save(failed.goalId)}>
              {s('retry')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
