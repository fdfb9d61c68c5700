// The plan's own fields (virksomhetsplan, seed 004), from the template the plan carries: Forankring's
// dates before the goals, Trinn 4's checklist after them, Trinn 6–8 once the plan is adopted. Each
// field saves as it is changed, as the conversation form's do; which ones the caller may write now
// comes from the server (can.fields), never from here.
import {
  Checkbox,
  Input,
  Label,
  Text,
  Textarea,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId } from 'react';
import { fill } from '../../../src/contract/words/format.ts';
import type { Api } from '../api.ts';
import { ConflictView, SaveStatus } from '../form/SaveStatus.tsx';
import { useSaver } from '../form/useSaver.ts';
import { useI18n, type I18nValue } from '../i18n.ts';
import type { PlanView } from './types.ts';

type Section = PlanView['definition']['sections'][number];
type Field = Section['fields'][number];
/** The fields this page writes: the goals (goalList) have their own view. */
type OwnField = Extract<Field, { kind: 'date' | 'checklist' | 'text' }>;

const useStyles = makeStyles({
  // One column as wide as the page: the dates' grid inside it wraps instead of widening the page.
  section: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalL,
    marginTop: tokens.spacingVerticalXXL,
  },
  // Forankring sits between the page's head and the goals.
  first: { marginTop: 0, marginBottom: tokens.spacingVerticalXXL },
  // The section's gap spaces the heading from what follows.
  heading: { marginBottom: 0 },
  text: { maxWidth: '60rem', margin: 0 },
  guide: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, maxWidth: '60rem' },
  // A section's dates side by side where there is room, one under the other on a phone.
  dates: {
    display: 'grid',
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 15rem), 1fr))',
    // A date beside one that opens its conflict view keeps its own height.
    alignItems: 'start',
    maxWidth: '60rem',
  },
  field: {
    display: 'grid',
    alignContent: 'start',
    gap: tokens.spacingVerticalXS,
    maxWidth: '48rem',
    minWidth: 0,
  },
  checklist: { marginTop: tokens.spacingVerticalL },
  later: { marginTop: tokens.spacingVerticalXXL },
  options: { display: 'grid', justifyItems: 'start' },
  paragraphs: { display: 'grid', gap: tokens.spacingVerticalS },
  value: { whiteSpace: 'pre-wrap', overflowWrap: 'break-word', margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  empty: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

/**
 * Which part of the plan's own fields to show where the page places it:
 * - before: the sections before the goals (Forankring);
 * - goals-intro: the goals' own section's title and intro (Trinn 4, 5), under the page's goals heading;
 * - goals: that section's fields other than the goals (the checklist), right after them;
 * - after: the sections after the goals (Trinn 6–8).
 */
export type PlanFieldsPart = 'before' | 'goals-intro' | 'goals' | 'after';

interface Props {
  api: Api;
  plan: PlanView;
  part: PlanFieldsPart;
  /** A field was saved: the page reads the plan again (its version); editors keep what is typed. */
  onSaved: () => void;
}

const isOwn = (f: Field): f is OwnField => f.kind === 'date' || f.kind === 'checklist' || f.kind === 'text';

export function PlanFields({ api, plan, part, onSaved }: Props) {
  const styles = useStyles();
  const { words, list } = useI18n();
  const sections = plan.definition.sections;
  const at = sections.findIndex((s) => s.fields.some((f) => f.kind === 'goalList'));
  const goals = sections[at];
  const field = (f: OwnField) => <PlanField key={f.id} api={api} plan={plan} field={f} onSaved={onSaved} />;

  if (part === 'before')
    return (
      <>
        {sections.slice(0, Math.max(at, 0)).map((s) => (
          <SectionView key={s.id} section={s} className={styles.first} render={field} />
        ))}
      </>
    );

  if (part === 'goals-intro') {
    if (!goals?.intro?.length) return null;
    const [lead, ...rest] = goals.intro;
    // The section's title is a step's name ("Trinn 4:"); the page's heading already says "Mål".
    return (
      <>
        <Text as="p" block className={styles.text}>
          <Text weight="semibold">{goals.title}</Text> {lead}
        </Text>
        {rest.map((p) => (
          <Text as="p" block key={p} className={styles.text}>
            {p}
          </Text>
        ))}
      </>
    );
  }

  if (part === 'goals') {
    const own = goals ? fieldsOf(goals) : [];
    return own.length > 0 ? <div className={styles.checklist}>{own.map(field)}</div> : null;
  }

  // Trinn 6–8 follow up an adopted plan. While the plan is a draft or open for input nothing in them
  // can be written yet, and a row of empty "Ikke fylt ut" would read as if something were missing:
  // one line says they come, and they appear once the plan is adopted.
  const later = at >= 0 ? sections.slice(at + 1) : [];
  if (later.length === 0) return null;
  if (plan.status === 'draft' || plan.status === 'input')
    return (
      <Text as="p" block className={mergeClasses(styles.text, styles.later)}>
        {fill(words.tab.planFields.laterSteps, {
          steps: list(later.map((s) => s.title.replace(/:$/, ''))),
        })}
      </Text>
    );
  return (
    <>
      {later.map((s) => (
        <SectionView key={s.id} section={s} render={field} />
      ))}
    </>
  );
}

/** A section's own fields (not the goals). */
function fieldsOf(section: Section): OwnField[] {
  return section.fields.filter(isOwn);
}

/** A section as the template has it: its title, intro and guide, then its fields, its dates side by side. */
function SectionView(props: {
  section: Section;
  className?: string;
  render: (f: OwnField) => React.ReactNode;
}) {
  const { section, render } = props;
  const styles = useStyles();
  const headingId = `plan-section-${section.id}`;
  const fields = fieldsOf(section);
  const dates = fields.filter((f) => f.kind === 'date');
  return (
    <section
      className={mergeClasses(styles.section, props.className)}
      aria-labelledby={headingId}
      data-plan-section={section.id}
    >
      <Title3 as="h2" id={headingId} block className={styles.heading}>
        {section.title}
      </Title3>
      {section.intro?.map((p) => (
        <Text as="p" block key={p} className={styles.text}>
          {p}
        </Text>
      ))}
      {section.guide && <GuideList guide={section.guide} />}
      {fields.filter((f) => f.kind !== 'date').map(render)}
      {dates.length > 0 && <div className={styles.dates}>{dates.map(render)}</div>}
    </section>
  );
}

function GuideList({ guide, id }: { guide: NonNullable<Section['guide']>; id?: string }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <ul className={styles.guide} id={id} aria-label={t('guide')}>
      {guide.map((g) => (
        <li key={g.text}>
          <Text>{g.text}</Text>
          {g.sub && (
            <ul>
              {g.sub.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A stored answer of the plan: its value, its own version (0 when never saved) and who saved it. */
function answerOf(plan: PlanView, fieldId: string): { value: unknown; version: number; by: string | null } {
  const a = plan.answers[fieldId] as Record<string, unknown> | null | undefined;
  if (a && typeof a === 'object' && !Array.isArray(a) && typeof a.version === 'number')
    return { value: a.value ?? null, version: a.version, by: typeof a.by === 'string' ? a.by : null };
  return { value: null, version: 0, by: null };
}

const emptyOf = (f: OwnField): unknown => (f.kind === 'checklist' ? [] : f.kind === 'text' ? '' : null);
const chosenOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** An answer as words, for the conflict view: a date as "15. januar 2026", options by label. */
function words(field: OwnField, value: unknown, i18n: I18nValue): string {
  if (field.kind === 'checklist') {
    const chosen = chosenOf(value);
    const labels = field.options.filter((o) => chosen.includes(o.id)).map((o) => o.label);
    return labels.length > 0 ? labels.join('\n') : i18n.t('notFilled');
  }
  if (typeof value !== 'string' || value === '') return i18n.t('notFilled');
  return field.kind === 'date' ? i18n.date(value) : value;
}

/** One field: an editor that saves as it is changed, or the answer in words. */
function PlanField({
  api,
  plan,
  field,
  onSaved,
}: {
  api: Api;
  plan: PlanView;
  field: OwnField;
  onSaved: () => void;
}) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t, date } = i18n;
  const id = useId();
  const stored = answerOf(plan, field.id);
  const save = useSaver<unknown>({
    value: stored.value ?? emptyOf(field),
    version: stored.version,
    write: async (value, baseVersion, { keepalive }) => {
      const view = await api.call('savePlanAnswer', {
        params: { id: plan.id, fieldId: field.id },
        body: { value, baseVersion },
        keepalive,
      });
      return answerOf(view, field.id).version;
    },
    onSaved,
  });
  // On a conflict the plan is read again: its new version, and who saved the other value.
  const conflicted = save.conflict !== null;
  useEffect(() => {
    if (conflicted) onSaved();
  }, [conflicted, onSaved]);

  const label =
    field.kind === 'date' ? fill(i18n.words.tab.planFields.dateLabel, { label: field.label }) : field.label;
  const editable = plan.can.fields.includes(field.id);

  // Not (or no longer) mine to write: the answer in words. What is unsaved or in conflict stays open.
  if (!editable && !save.conflict && save.state !== 'error') {
    const value = save.draft;
    const chosen = chosenOf(value);
    const empty =
      field.kind === 'checklist' ? chosen.length === 0 : typeof value !== 'string' || value.trim() === '';
    return (
      <div className={styles.field} data-plan-field={field.id} data-readonly>
        <Text weight="semibold" block id={`${id}-label`}>
          {label}
        </Text>
        {empty ? (
          <Text block className={styles.empty}>
            {t('notFilled')}
          </Text>
        ) : field.kind === 'checklist' ? (
          <ul className={styles.list} aria-labelledby={`${id}-label`}>
            {field.options
              .filter((o) => chosen.includes(o.id))
              .map((o) => (
                <li key={o.id}>{o.label}</li>
              ))}
          </ul>
        ) : field.kind === 'date' ? (
          <Text block>{date(String(value))}</Text>
        ) : (
          <div className={styles.paragraphs}>
            {String(value)
              .split(/\n\s*\n/)
              .map((p, i) => (
                <Text as="p" block key={i} className={styles.value}>
                  {p}
                </Text>
              ))}
          </div>
        )}
      </div>
    );
  }

  const guideId = field.guide ? `${id}-guide` : undefined;
  let control: React.ReactNode;
  if (field.kind === 'checklist') {
    const chosen = chosenOf(save.draft);
    control = (
      <div role="group" aria-labelledby={`${id}-label`} className={styles.options}>
        {field.options.map((o) => (
          <Checkbox
            key={o.id}
            label={o.label}
            checked={chosen.includes(o.id)}
            onChange={(_, d) =>
              save.setDraft(
                // In the template's order, whichever was ticked first.
                field.options
                  .map((x) => x.id)
                  .filter((x) => (x === o.id ? d.checked === true : chosen.includes(x))),
                0,
              )
            }
          />
        ))}
      </div>
    );
  } else if (field.kind === 'date') {
    control = (
      <Input
        id={id}
        type="date"
        value={typeof save.draft === 'string' ? save.draft : ''}
        onChange={(_, d) => save.setDraft(d.value || null, 0)}
      />
    );
  } else {
    control = (
      <Textarea
        id={id}
        resize="vertical"
        rows={5}
        value={typeof save.draft === 'string' ? save.draft : ''}
        onChange={(_, d) => save.setDraft(d.value)}
        onBlur={() => void save.flush()}
        aria-describedby={guideId}
      />
    );
  }

  return (
    <div className={styles.field} data-plan-field={field.id}>
      {field.kind === 'checklist' ? (
        <Text weight="semibold" block id={`${id}-label`}>
          {label}
        </Text>
      ) : (
        <Label htmlFor={id} weight="semibold" id={`${id}-label`}>
          {label}
        </Label>
      )}
      {field.guide && <GuideList guide={field.guide} id={guideId} />}
      {control}
      <SaveStatus state={save.state} error={save.error} onRetry={save.retry} />
      {save.conflict && (
        <ConflictView
          mine={words(field, save.draft, i18n)}
          theirs={words(field, save.conflict.value, i18n)}
          by={byOf(plan, field.id, save.conflict.version)}
          canMerge={field.kind === 'text'}
          onResolve={save.resolve}
        />
      )}
    </div>
  );
}

/** Who saved the other value, once the page has read the plan again after the conflict. */
function byOf(plan: PlanView, fieldId: string, version: number): string {
  const a = answerOf(plan, fieldId);
  return (a.version === version && plan.members.find((m) => m.oid === a.by)?.name) || '';
}
