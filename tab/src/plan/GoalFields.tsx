// A goal's fields: each an editor that saves as it is typed (useSaver, through the goal's one sync),
// and each as words where nobody may change it. In the table the column header names a field and the
// control carries "Tiltak, mål 2" for screen readers; on a card each field has its visible label.
import { Field, Input, Label, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import { ConflictView, SaveStatus } from '../form/SaveStatus.tsx';
import { useSaver } from '../form/useSaver.ts';
import { useI18n, type I18nValue } from '../i18n.ts';
import { SrOnly } from '../pages/common.tsx';
import { rawOf, type GoalSync } from './goal-sync.ts';
import type { GoalKey, GoalView, PlanView } from './types.ts';

export type Layout = 'table' | 'card';

export const useFieldStyles = makeStyles({
  control: { width: '100%', minWidth: 0 },
  readOnly: { whiteSpace: 'pre-wrap', overflowWrap: 'break-word' },
  numbers: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 5rem), 1fr))',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
  },
  number: { display: 'grid', gap: tokens.spacingVerticalXXS },
  lacks: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface GoalFieldProps {
  plan: PlanView;
  goal: GoalView;
  /** The goal's number in the plan (1, 2 …). */
  n: number;
  sync: GoalSync;
  layout: Layout;
  onSaved: () => void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** How a field's value is typed (the editor's text) and how the server takes it. */
interface Codec {
  toDraft: (raw: unknown) => string;
  /** Throws, with words for the person, where the text is not a value the field can hold. */
  toRaw: (draft: string) => unknown;
}

const textOrNull: Codec = {
  toDraft: (raw) => (typeof raw === 'string' ? raw : ''),
  toRaw: (draft) => (draft === '' ? null : draft),
};

function codecs(i18n: I18nValue): Record<GoalKey, Codec> {
  const number: Codec = {
    toDraft: (raw) => (typeof raw === 'number' ? i18n.number(raw) : ''),
    toRaw: (draft) => {
      const n = i18n.parseNumber(draft);
      if (Number.isNaN(n)) throw new Error(i18n.p('notANumber'));
      return n;
    },
  };
  return {
    goal: {
      toDraft: textOrNull.toDraft,
      toRaw: (draft) => {
        if (draft.trim() === '') throw new Error(i18n.p('goalRequired'));
        return draft;
      },
    },
    indicator: textOrNull,
    actions: textOrNull,
    baseline: number,
    target: number,
    ownerOid: textOrNull,
    due: textOrNull,
    servesGoalId: textOrNull,
    outcome: textOrNull,
  };
}

/** One field's saver: its text, saved through the goal's sync, and the conflict if someone else wrote it. */
function useGoalField(props: GoalFieldProps, key: GoalKey) {
  const i18n = useI18n();
  const codec = codecs(i18n)[key];
  const raw = rawOf(props.goal, key);
  const save = useSaver<string>({
    value: codec.toDraft(raw),
    version: props.goal.version,
    write: async (draft, _base, { keepalive }) =>
      props.sync.write(key, codec.toRaw(draft), codec.toDraft, keepalive),
    onSaved: props.onSaved,
  });
  // Where the editor shows what the server holds, a later change by someone else is a conflict.
  const { sync } = props;
  useEffect(() => {
    try {
      if (same(codec.toRaw(save.draft), raw)) sync.agree(key, raw);
    } catch {
      // Text that is no value yet agrees with nothing.
    }
  }, [save.draft, raw, key, codec, sync]);
  return save;
}

function labelOf(props: GoalFieldProps, column: string, i18n: I18nValue) {
  return i18n.p('cellLabel', { column, n: props.n });
}

/** The field's control with its label (visible on a card), its save state and any conflict. */
function Shell(props: {
  field: GoalFieldProps;
  name: GoalKey;
  label: string;
  save: ReturnType<typeof useGoalField>;
  canMerge: boolean;
  theirs: (draft: string) => string;
  children: React.ReactElement;
  /** Said under the control: the whole of a choice its box cuts short. */
  below?: React.ReactNode;
}) {
  const { save } = props;
  return (
    <div data-field={props.name}>
      {props.field.layout === 'card' ? <Field label={props.label}>{props.children}</Field> : props.children}
      {props.below}
      <SaveStatus state={save.state} error={save.error} onRetry={save.retry} />
      {save.conflict && (
        <ConflictView
          mine={props.theirs(save.draft)}
          theirs={props.theirs(typeof save.conflict.value === 'string' ? save.conflict.value : '')}
          by=""
          canMerge={props.canMerge}
          onResolve={save.resolve}
        />
      )}
    </div>
  );
}

/** A text box as tall as its text (up to its size's limit), as the text and the column's width change. */
function useFitHeight(value: string) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const width = useRef(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.height = 'auto';
      el.style.height = `${el.scrollHeight}px`;
    };
    fit();
    // Only a change of width re-measures: its own height changing must not set off another round.
    const watch = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 0);
      if (w !== width.current) {
        width.current = w;
        fit();
      }
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, [value]);
  return ref;
}

/** Mål, Resultatindikator, Tiltak: text that saves as it is typed, and on leaving the field. */
export function TextEditor(
  props: GoalFieldProps & { name: 'goal' | 'indicator' | 'actions'; column: string },
) {
  const styles = useFieldStyles();
  const i18n = useI18n();
  const save = useGoalField(props, props.name);
  const fit = useFitHeight(save.draft);
  const label = props.name === 'goal' ? i18n.p('goalN', { n: props.n }) : labelOf(props, props.column, i18n);
  return (
    <Shell
      field={props}
      name={props.name}
      label={props.layout === 'card' ? props.column : label}
      save={save}
      canMerge
      theirs={(d) => d}
    >
      <Textarea
        {...(props.layout === 'table' ? { 'aria-label': label } : {})}
        className={styles.control}
        ref={fit}
        resize="vertical"
        rows={2}
        value={save.draft}
        onChange={(_, d) => save.setDraft(d.value)}
        onBlur={() => void save.flush()}
      />
    </Shell>
  );
}

/** Utgangsverdi and Målverdi: numbers as the reader writes them ("12,5"). */
export function NumberEditor(props: GoalFieldProps & { name: 'baseline' | 'target' }) {
  const styles = useFieldStyles();
  const i18n = useI18n();
  const id = useId();
  const save = useGoalField(props, props.name);
  const column = i18n.p(props.name);
  return (
    <div className={styles.number} data-field={props.name}>
      <Label htmlFor={id} size="small">
        {column}
      </Label>
      <Input
        id={id}
        aria-label={labelOf(props, column, i18n)}
        className={styles.control}
        inputMode="decimal"
        value={save.draft}
        onChange={(_, d) => save.setDraft(d.value)}
        onBlur={() => void save.flush()}
      />
      <SaveStatus state={save.state} error={save.error} onRetry={save.retry} />
      {save.conflict && (
        <ConflictView
          mine={save.draft}
          theirs={typeof save.conflict.value === 'string' ? save.conflict.value : ''}
          by=""
          canMerge={false}
          onResolve={save.resolve}
        />
      )}
    </div>
  );
}

/** A choice among the plan's own lists (Ansvarsperson, Bidrar til, Neste år), saved when chosen. */
export function ChoiceEditor(
  props: GoalFieldProps & {
    name: 'ownerOid' | 'servesGoalId' | 'outcome';
    column: string;
    /** The label of the empty choice ("Velg …", "Ingen", "Ikke bestemt"). */
    none: string;
    options: { id: string; label: string }[];
    /** The chosen option's words in full under the box (long goals are cut short in it). */
    showChosen?: boolean;
  },
) {
  const styles = useFieldStyles();
  const i18n = useI18n();
  const save = useGoalField(props, props.name);
  const label = labelOf(props, props.column, i18n);
  const wordsOf = (id: string) =>
    id === '' ? props.none : (props.options.find((o) => o.id === id)?.label ?? props.none);
  return (
    <Shell
      field={props}
      name={props.name}
      label={props.layout === 'card' ? props.column : label}
      save={save}
      canMerge={false}
      theirs={wordsOf}
      below={
        props.showChosen && save.draft !== '' ? (
          <Text block size={200} className={styles.muted}>
            {wordsOf(save.draft)}
          </Text>
        ) : undefined
      }
    >
      <Select
        {...(props.layout === 'table' ? { 'aria-label': label } : {})}
        className={styles.control}
        value={save.draft}
        onChange={(_, d) => save.setDraft(d.value, 0)}
      >
        <option value="">{props.none}</option>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </Select>
    </Shell>
  );
}

/** Tidfestet: a date, saved when it is a whole date. */
export function DueEditor(props: GoalFieldProps) {
  const styles = useFieldStyles();
  const i18n = useI18n();
  const save = useGoalField(props, 'due');
  const column = i18n.p('colDue');
  const label = labelOf(props, column, i18n);
  return (
    <Shell
      field={props}
      name="due"
      label={props.layout === 'card' ? column : label}
      save={save}
      canMerge={false}
      theirs={(d) => (d ? i18n.date(d) : i18n.t('nobody'))}
    >
      <Input
        {...(props.layout === 'table' ? { 'aria-label': label } : {})}
        className={styles.control}
        type="date"
        value={save.draft}
        onChange={(_, d) => save.setDraft(d.value, 0)}
      />
    </Shell>
  );
}

/** The people who may be Ansvarsperson, with the goal's own owner kept should they have left. */
export function ownerOptions(plan: PlanView, goal: GoalView) {
  const options = plan.members.map((m) => ({ id: m.oid, label: m.name }));
  if (goal.owner && !options.some((o) => o.id === goal.owner?.oid))
    options.push({ id: goal.owner.oid, label: goal.owner.name });
  return options;
}

/** The goals of the plans above, each with its unit; a goal served that is gone shows as a former goal. */
export function servesOptions(plan: PlanView, goal: GoalView, i18n: I18nValue) {
  const options = plan.parentGoals.map((g) => ({
    id: g.id,
    label: i18n.p('servesOption', { goal: g.goal, unit: g.unit.name }),
  }));
  const served = goal.serves;
  if (served && !options.some((o) => o.id === served.id))
    options.push({ id: served.id, label: servesWords(served, i18n) });
  return options;
}

export function servesWords(served: NonNullable<GoalView['serves']>, i18n: I18nValue): string {
  return i18n.p(served.removed ? 'servesRemoved' : 'servesOption', {
    goal: served.goal,
    unit: served.unit.name,
  });
}

export function outcomeOptions(i18n: I18nValue) {
  return (['continue', 'adjust', 'end'] as const).map((o) => ({ id: o, label: i18n.words.goalOutcome[o] }));
}

/** "72 → 80" as drawn, "fra 72 til 80" as read; one number alone says which it is. */
export function Range({ goal }: { goal: GoalView }) {
  const i18n = useI18n();
  const { baseline, target } = goal;
  if (baseline === null && target === null) return null;
  if (baseline !== null && target !== null)
    return (
      <Text block>
        <span aria-hidden="true">{`${i18n.number(baseline)} → ${i18n.number(target)}`}</span>
        <SrOnly>{i18n.p('range', { baseline: i18n.number(baseline), target: i18n.number(target) })}</SrOnly>
      </Text>
    );
  return (
    <Text block>
      {baseline !== null
        ? i18n.p('baselineOnly', { value: i18n.number(baseline) })
        : i18n.p('targetOnly', { value: i18n.number(target ?? 0) })}
    </Text>
  );
}

/** What a goal lacks, in words: "Mangler ansvarsperson og tidfesting". */
export function lacksWords(goal: GoalView, i18n: I18nValue): string {
  return i18n.p('lacks', { what: i18n.list(goal.problems.map((x) => i18n.words.tab.plans.problem[x])) });
}
