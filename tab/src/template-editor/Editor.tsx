// The template editor's parts: each section with its fields (move up and down, edit, remove), a form
// to add a field, and one to add a section. What may not be removed is the server's answer (the core
// parts it names, and fields another field takes its content from); the control says why in words.
import {
  Badge,
  Button,
  Caption1,
  Card,
  Field as FieldBox,
  Input,
  Select,
  Text,
  Textarea,
  Title3,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Field, FieldKind, Section, Template, Writer } from '../template.ts';
import {
  addField,
  addSection,
  dependents,
  fieldIds,
  guideToText,
  idsFor,
  lines,
  nynorskLabelsToText,
  moveField,
  moveSection,
  newId,
  removeField,
  removeSection,
  updateField,
  updateSection,
  withGuide,
  withNynorsk,
  withNynorskLabels,
  textToGuide,
  type Sections,
} from './draft.ts';
import { useTemplateWords } from './words.ts';

const useStyles = makeStyles({
  section: { display: 'grid', gap: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalL },
  head: { display: 'grid', gap: tokens.spacingVerticalXS },
  titleRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, outline: 'none' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  fields: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  field: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalS },
  },
  fieldLabel: { margin: 0, outline: 'none', fontSize: tokens.fontSizeBase300 },
  muted: { color: tokens.colorNeutralForeground3 },
  refusal: { color: tokens.colorNeutralForeground2 },
  form: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    maxWidth: '48rem',
    boxSizing: 'border-box',
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalS },
  },
  pair: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 16rem), 1fr))',
    // A long choice ("Privat forberedelse: …") must not widen its column past the form.
    '& > *': { minWidth: 0 },
  },
  select: { minWidth: 0, width: '100%' },
  nynorsk: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalS },
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface EditorContext {
  template: Template;
  sections: Sections;
  core: { sectionIds: readonly string[]; fieldIds: readonly string[] };
  /** Applies a change to the draft, says what happened, and where the focus goes next. */
  change: (next: Sections, said: string, focus?: string) => void;
}

/** Where the focus goes after a change: the element with this data-focus value. */
export const focusKey = (...parts: string[]) => parts.join(':');

/**
 * A section's or field's buttons: move up and down (the focus stays on the moved part), edit, and
 * remove, which stays reachable but refused (with the reason read out) for what must stay.
 */
function PartActions(props: {
  labelledBy: string;
  focus: (dir: 'up' | 'down') => string;
  /** The button's accessible name: the action and the part it acts on. */
  name: (action: string) => string;
  first: boolean;
  last: boolean;
  onMove: (delta: -1 | 1) => void;
  editing: boolean;
  editId: string;
  onEdit: () => void;
  /** The id of the sentence saying why removing is refused; undefined when it is allowed. */
  refusalId: string | undefined;
  onRemove: () => void;
}) {
  const styles = useStyles();
  const { tw } = useTemplateWords();
  return (
    <div className={styles.actions} role="group" aria-labelledby={props.labelledBy}>
      <Button
        size="small"
        disabled={props.first}
        aria-label={props.name(tw.moveUp)}
        data-focus={props.focus('up')}
        onClick={() => props.onMove(-1)}
      >
        {tw.moveUp}
      </Button>
      <Button
        size="small"
        disabled={props.last}
        aria-label={props.name(tw.moveDown)}
        data-focus={props.focus('down')}
        onClick={() => props.onMove(1)}
      >
        {tw.moveDown}
      </Button>
      <Button
        size="small"
        aria-expanded={props.editing}
        aria-controls={props.editing ? props.editId : undefined}
        aria-label={props.name(tw.edit)}
        onClick={props.onEdit}
      >
        {tw.edit}
      </Button>
      <Button
        size="small"
        disabledFocusable={props.refusalId !== undefined}
        aria-describedby={props.refusalId}
        aria-label={props.name(tw.remove)}
        onClick={props.onRemove}
      >
        {tw.remove}
      </Button>
    </div>
  );
}

export function SectionCard({
  ctx,
  section,
  index,
}: {
  ctx: EditorContext;
  section: Section;
  index: number;
}) {
  const styles = useStyles();
  const { tw, m } = useTemplateWords();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const refusalId = useId('refusal');
  const editId = useId('edit-section');
  const core = ctx.core.sectionIds.includes(section.id);
  const count = ctx.sections.length;
  // A section whose fields feed a field elsewhere cannot go before that field does.
  const feeds = dependents(ctx.sections);
  const inside = new Set(section.fields.map((f) => f.id));
  const fedOutside = section.fields
    .flatMap((f) => feeds.get(f.id) ?? [])
    .filter((d) => !inside.has(d.id))
    .map((d) => `«${d.label}»`);
  const refusal = core
    ? tw.coreRefused
    : fedOutside.length > 0
      ? m('sourceRefused', { fields: fedOutside.join(', ') })
      : null;
  const name = (action: string) => m('sectionName', { action, title: section.title });
  const move = (delta: -1 | 1) => {
    const to = index + delta;
    // At the top or bottom the button goes grey: the focus moves to the one beside it.
    const dir = (to === 0 && delta === -1) || (to === count - 1 && delta === 1) ? -delta : delta;
    ctx.change(
      moveSection(ctx.sections, section.id, delta),
      m('moved', { label: section.title }),
      focusKey('section', section.id, dir === -1 ? 'up' : 'down'),
    );
  };
  const headingId = `edit-section-${section.id}`;
  return (
    <Card className={styles.section} data-edit-section={section.id}>
      <div className={styles.head}>
        {section.part && <Caption1 block>{section.part}</Caption1>}
        <div className={styles.titleRow}>
          <h2
            id={headingId}
            className={styles.heading}
            tabIndex={-1}
            data-focus={focusKey('section', section.id)}
          >
            <Title3>{section.title}</Title3>
          </h2>
          {core && (
            <Badge appearance="tint" color="brand">
              {tw.core}
            </Badge>
          )}
          {section.sensitivity === 'salary' && (
            <Badge appearance="tint" color="warning">
              {tw.salary}
            </Badge>
          )}
          {section.nn && (
            <Badge appearance="outline" color="informative">
              {tw.nynorskBadge}
            </Badge>
          )}
        </div>
        {section.sensitivity === 'salary' && <Caption1 block>{tw.salaryNote}</Caption1>}
      </div>
      <PartActions
        labelledBy={headingId}
        focus={(dir) => focusKey('section', section.id, dir)}
        name={name}
        first={index === 0}
        last={index === count - 1}
        onMove={move}
        editing={editing}
        editId={editId}
        onEdit={() => setEditing(!editing)}
        refusalId={refusal ? refusalId : undefined}
        onRemove={() => {
          const next = ctx.sections[index + 1] ?? ctx.sections[index - 1];
          ctx.change(
            removeSection(ctx.sections, section.id),
            m('removed', { label: section.title }),
            next ? focusKey('section', next.id) : focusKey('add-section'),
          );
        }}
      />
      {refusal && (
        <Caption1 block id={refusalId} className={styles.refusal}>
          {refusal}
        </Caption1>
      )}
      {editing && (
        <div id={editId} className={styles.form}>
          {!core && (
            <FieldBox
              label={tw.sectionTitle}
              required
              validationMessage={section.title.trim() === '' ? tw.titleRequired : undefined}
            >
              <Input
                value={section.title}
                onChange={(_, d) =>
                  ctx.change(
                    updateSection(ctx.sections, section.id, (s) => ({ ...s, title: d.value })),
                    '',
                  )
                }
              />
            </FieldBox>
          )}
          <GuideEditor
            label={tw.sectionGuide}
            initial={guideToText(section.guide)}
            onChange={(text) =>
              ctx.change(
                updateSection(ctx.sections, section.id, (s) => withGuide(s, text)),
                '',
              )
            }
          />
          <NynorskBox>
            <FieldBox label={tw.nnSectionTitle}>
              <Input
                lang="nn"
                value={section.nn?.title ?? ''}
                onChange={(_, d) =>
                  ctx.change(
                    updateSection(ctx.sections, section.id, (s) => withNynorsk(s, { title: d.value })),
                    '',
                  )
                }
              />
            </FieldBox>
            <GuideEditor
              label={tw.nnSectionGuide}
              lang="nn"
              initial={guideToText(section.nn?.guide)}
              onChange={(text) =>
                ctx.change(
                  updateSection(ctx.sections, section.id, (s) =>
                    withNynorsk(s, { guide: textToGuide(text) }),
                  ),
                  '',
                )
              }
            />
          </NynorskBox>
          <div>
            <Button size="small" onClick={() => setEditing(false)}>
              {tw.close}
            </Button>
          </div>
        </div>
      )}
      {section.fields.length === 0 ? (
        <Text block className={styles.muted}>
          {tw.sectionEmpty}
        </Text>
      ) : (
        <ul className={styles.fields} aria-labelledby={headingId}>
          {section.fields.map((field, i) => (
            <FieldRow
              key={field.id}
              ctx={ctx}
              section={section}
              field={field}
              index={i}
              coreNoteId={core ? refusalId : undefined}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <AddFieldForm
          ctx={ctx}
          section={section}
          onDone={(added) => {
            setAdding(false);
            if (!added)
              document
                .querySelector<HTMLElement>(`[data-focus="${focusKey('add-field', section.id)}"]`)
                ?.focus();
          }}
        />
      ) : (
        <div>
          <Button
            aria-label={m('addFieldIn', { title: section.title })}
            data-focus={focusKey('add-field', section.id)}
            onClick={() => setAdding(true)}
          >
            {tw.addField}
          </Button>
        </div>
      )}
    </Card>
  );
}

function FieldRow(props: {
  ctx: EditorContext;
  section: Section;
  field: Field;
  index: number;
  /** The core section's one note on why its core parts stay (said once, not under every field). */
  coreNoteId: string | undefined;
}) {
  const { ctx, section, field, index } = props;
  const styles = useStyles();
  const { tw, m, summary } = useTemplateWords();
  const [editing, setEditing] = useState(false);
  const ownId = useId('refusal');
  const editId = useId('edit-field');
  const core = ctx.core.fieldIds.includes(field.id);
  const feeds = (dependents(ctx.sections).get(field.id) ?? []).map((d) => `«${d.label}»`);
  // A core field is refused by its section's note; a field another takes its content from, by its own.
  const own =
    core && props.coreNoteId === undefined
      ? tw.coreRefused
      : !core && feeds.length > 0
        ? m('sourceRefused', { fields: feeds.join(', ') })
        : null;
  const refusalId = core && props.coreNoteId !== undefined ? props.coreNoteId : ownId;
  const refusal = core ? tw.coreRefused : own;
  // Labels that repeat ("Samtale" in every factor) are named with their section for screen readers.
  const repeated = ctx.sections.flatMap((s) => s.fields).filter((f) => f.label === field.label).length > 1;
  const name = (action: string) =>
    repeated
      ? m('fieldNameIn', { action, label: field.label, section: section.title })
      : m('fieldName', { action, label: field.label });
  const count = section.fields.length;
  const move = (delta: -1 | 1) => {
    const to = index + delta;
    const dir = (to === 0 && delta === -1) || (to === count - 1 && delta === 1) ? -delta : delta;
    ctx.change(
      moveField(ctx.sections, section.id, field.id, delta),
      m('moved', { label: field.label }),
      focusKey('field', field.id, dir === -1 ? 'up' : 'down'),
    );
  };
  const set = (change: (f: Field) => Field) =>
    ctx.change(updateField(ctx.sections, section.id, field.id, change), '');
  const labelId = `edit-field-${field.id}`;
  const rows = field.kind === 'goalList' || field.kind === 'actionPlan' || field.kind === 'previousItems';
  return (
    <li className={styles.field} data-edit-field={field.id}>
      <div className={styles.titleRow}>
        <h3 id={labelId} className={styles.fieldLabel} tabIndex={-1} data-focus={focusKey('field', field.id)}>
          {field.label || '…'}
        </h3>
        {core && (
          <Badge appearance="tint" color="brand">
            {tw.core}
          </Badge>
        )}
        {hasNynorsk(field) && (
          <Badge appearance="outline" color="informative">
            {tw.nynorskBadge}
          </Badge>
        )}
      </div>
      <Caption1 block className={styles.muted}>
        {summary(ctx.template, field)}
      </Caption1>
      <PartActions
        labelledBy={labelId}
        focus={(dir) => focusKey('field', field.id, dir)}
        name={name}
        first={index === 0}
        last={index === count - 1}
        onMove={move}
        editing={editing}
        editId={editId}
        onEdit={() => setEditing(!editing)}
        refusalId={refusal ? refusalId : undefined}
        onRemove={() => {
          const next = section.fields[index + 1] ?? section.fields[index - 1];
          ctx.change(
            removeField(ctx.sections, section.id, field.id),
            m('removed', { label: field.label }),
            next ? focusKey('field', next.id) : focusKey('section', section.id),
          );
        }}
      />
      {own && (
        <Caption1 block id={ownId} className={styles.refusal}>
          {own}
        </Caption1>
      )}
      {editing && (
        <div id={editId} className={styles.form}>
          {!core && (
            <>
              <FieldBox
                label={tw.fieldLabel}
                required
                validationMessage={field.label.trim() === '' ? tw.labelRequired : undefined}
              >
                <Input value={field.label} onChange={(_, d) => set((f) => ({ ...f, label: d.value }))} />
              </FieldBox>
              <div className={styles.pair}>
                <WriterSelect
                  template={ctx.template}
                  rows={rows}
                  value={field.writer}
                  onChange={(writer) => set((f) => ({ ...f, writer }))}
                />
                {!rows && (
                  <VisibilitySelect
                    value={field.visibility}
                    onChange={(visibility) => set((f) => ({ ...f, visibility }))}
                  />
                )}
              </div>
            </>
          )}
          <GuideEditor
            label={tw.fieldGuide}
            initial={guideToText(field.guide)}
            onChange={(text) => set((f) => withGuide(f, text))}
          />
          <NynorskBox>
            <FieldBox label={tw.nnFieldLabel}>
              <Input
                lang="nn"
                value={field.nn?.label ?? ''}
                onChange={(_, d) => set((f) => withNynorsk(f, { label: d.value }))}
              />
            </FieldBox>
            {(field.kind === 'rating' || field.kind === 'checklist') && (
              <LabelsEditor
                label={tw.nnOptions}
                hint={m('nnOptionsHint', { list: field.options.map((o) => o.label).join(', ') })}
                initial={nynorskLabelsToText(field.options)}
                onChange={(text) =>
                  set((f) =>
                    f.kind === 'rating' || f.kind === 'checklist'
                      ? { ...f, options: withNynorskLabels(f.options, text) }
                      : f,
                  )
                }
              />
            )}
            {(field.kind === 'goalList' || field.kind === 'actionPlan') && (
              <LabelsEditor
                label={tw.nnColumns}
                hint={m('nnColumnsHint', { list: field.columns.map((c) => c.label).join(', ') })}
                initial={nynorskLabelsToText(field.columns)}
                onChange={(text) =>
                  set((f) =>
                    f.kind === 'goalList' || f.kind === 'actionPlan'
                      ? { ...f, columns: withNynorskLabels(f.columns, text) }
                      : f,
                  )
                }
              />
            )}
            <GuideEditor
              label={tw.nnFieldGuide}
              lang="nn"
              initial={guideToText(field.nn?.guide)}
              onChange={(text) => set((f) => withNynorsk(f, { guide: textToGuide(text) }))}
            />
          </NynorskBox>
          <div>
            <Button size="small" onClick={() => setEditing(false)}>
              {tw.close}
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

/** Guide questions as lines; the text stays as typed (a new line is kept while it is still empty). */
function GuideEditor(props: {
  label: string;
  initial: string;
  lang?: string;
  onChange: (text: string) => void;
}) {
  const { tw } = useTemplateWords();
  const [text, setText] = useState(props.initial);
  return (
    <FieldBox label={props.label} hint={tw.guideHint}>
      <Textarea
        resize="vertical"
        rows={4}
        value={text}
        {...(props.lang ? { lang: props.lang } : {})}
        onChange={(_, d) => {
          setText(d.value);
          props.onChange(d.value);
        }}
      />
    </FieldBox>
  );
}

/** Nynorsk labels of a field's choices or columns, one a line; kept as typed, like the guide. */
function LabelsEditor(props: {
  label: string;
  hint: string;
  initial: string;
  onChange: (text: string) => void;
}) {
  const [text, setText] = useState(props.initial);
  return (
    <FieldBox label={props.label} hint={props.hint}>
      <Textarea
        resize="vertical"
        rows={3}
        lang="nn"
        value={text}
        onChange={(_, d) => {
          setText(d.value);
          props.onChange(d.value);
        }}
      />
    </FieldBox>
  );
}

/**
 * A part's words in nynorsk, grouped and named as such: optional, and read only by those who read
 * Samtale in nynorsk (the seed's bokmål stays as written, and the archived record is in bokmål).
 */
function NynorskBox({ children }: { children: React.ReactNode }) {
  const styles = useStyles();
  const { tw } = useTemplateWords();
  return (
    <fieldset className={styles.nynorsk}>
      <legend className={styles.legend}>{tw.nynorsk}</legend>
      <Caption1 block>{tw.nynorskLead}</Caption1>
      {children}
    </fieldset>
  );
}

/** The field, its choices or its columns have words in nynorsk. */
const hasNynorsk = (f: Field): boolean =>
  f.nn !== undefined ||
  ('options' in f && f.options.some((o) => o.nn)) ||
  ('columns' in f && f.columns.some((c) => c.nn));

const WRITERS: readonly Writer[] = ['leader', 'employee', 'either', 'both-separately'];

function WriterSelect(props: {
  template: Template;
  rows: boolean;
  value: Writer;
  onChange: (w: Writer) => void;
}) {
  const styles = useStyles();
  const { tw, writer } = useTemplateWords();
  // Rows are one shared plan: both may add to it, never each their own copy.
  const choices = props.rows ? WRITERS.filter((w) => w !== 'both-separately') : WRITERS;
  return (
    <FieldBox label={tw.fieldWriter}>
      <Select
        className={styles.select}
        value={props.value}
        onChange={(_, d) => {
          const w = choices.find((c) => c === d.value);
          if (w) props.onChange(w);
        }}
      >
        {choices.map((w) => (
          <option key={w} value={w}>
            {writer(props.template, w)}
          </option>
        ))}
      </Select>
    </FieldBox>
  );
}

function VisibilitySelect(props: { value: Field['visibility']; onChange: (v: Field['visibility']) => void }) {
  const styles = useStyles();
  const { tw } = useTemplateWords();
  return (
    <FieldBox label={tw.fieldVisibility}>
      <Select
        className={styles.select}
        value={props.value}
        onChange={(_, d) => props.onChange(d.value === 'private' ? 'private' : 'shared')}
      >
        <option value="shared">{tw.visibility.shared}</option>
        <option value="private">{tw.visibility.private}</option>
      </Select>
    </FieldBox>
  );
}

const KINDS: readonly FieldKind[] = [
  'text',
  'reflection',
  'date',
  'person',
  'rating',
  'score',
  'checklist',
  'goalList',
  'actionPlan',
  'previousItems',
];
const ROW_KINDS: ReadonlySet<FieldKind> = new Set(['goalList', 'actionPlan', 'previousItems']);

function AddFieldForm(props: { ctx: EditorContext; section: Section; onDone: (added: boolean) => void }) {
  const { ctx, section } = props;
  const styles = useStyles();
  const { tw, m, t } = useTemplateWords();
  const [kind, setKind] = useState<FieldKind>('text');
  const [label, setLabel] = useState('');
  const [writerValue, setWriter] = useState<Writer>('either');
  const [visibility, setVisibility] = useState<Field['visibility']>('shared');
  const [guide, setGuide] = useState('');
  const [choices, setChoices] = useState('');
  const [max, setMax] = useState('10');
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = useId('add-field');
  // Last period's rows come from a field with rows, in a section of the same access (never salary
  // into the open record, nor the other way).
  const sources = ctx.sections
    .filter((s) => s.sensitivity === section.sensitivity)
    .flatMap((s) => s.fields)
    .filter((f) => f.kind === 'goalList' || f.kind === 'actionPlan');
  const kinds = sources.length > 0 ? KINDS : KINDS.filter((k) => k !== 'previousItems');
  const rows = ROW_KINDS.has(kind);
  const writer: Writer = rows && writerValue === 'both-separately' ? 'either' : writerValue;

  const build = (): Field | string => {
    const trimmed = label.trim();
    if (trimmed === '') return tw.labelRequired;
    const id = newId(trimmed, fieldIds(ctx.sections));
    const base = {
      id,
      label: trimmed,
      writer,
      visibility: rows ? ('shared' as const) : visibility,
    };
    const withText = (f: Field): Field => withGuide(f, guide);
    const options = idsFor(lines(choices));
    switch (kind) {
      case 'text':
        return withText({ ...base, kind: 'text' });
      case 'reflection':
        return withText({ ...base, kind: 'reflection' });
      case 'date':
        return withText({ ...base, kind: 'date' });
      case 'person':
        return withText({ ...base, kind: 'person' });
      case 'rating':
        return options.length < 2 ? tw.ratingRequired : withText({ ...base, kind: 'rating', options });
      case 'checklist':
        return options.length < 1 ? tw.checklistRequired : withText({ ...base, kind: 'checklist', options });
      case 'score': {
        const n = Number(max);
        return Number.isInteger(n) && n >= 1 && n <= 1000
          ? withText({ ...base, kind: 'score', max: n })
          : tw.maxInvalid;
      }
      case 'goalList':
      case 'actionPlan': {
        const columns = options.map((o) => ({ ...o, type: 'text' as const }));
        if (columns.length < 1) return tw.columnsRequired;
        return withText(
          kind === 'goalList'
            ? { ...base, kind: 'goalList', columns }
            : { ...base, kind: 'actionPlan', columns },
        );
      }
      case 'previousItems':
        return sources.some((f) => f.id === source)
          ? withText({ ...base, kind: 'previousItems', sourceFieldId: source })
          : tw.sourceRequired;
    }
  };

  return (
    <form
      className={styles.form}
      aria-labelledby={titleId}
      // Refusals are said in words here, not in the browser's own bubble.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const field = build();
        if (typeof field === 'string') {
          setProblem(field);
          return;
        }
        ctx.change(
          addField(ctx.sections, section.id, field),
          m('added', { label: field.label }),
          focusKey('field', field.id),
        );
        props.onDone(true);
      }}
    >
      <Text id={titleId} weight="semibold" block>
        {m('addFieldTitle', { title: section.title })}
      </Text>
      <div className={styles.pair}>
        <FieldBox label={tw.fieldKind}>
          <Select
            className={styles.select}
            value={kind}
            onChange={(_, d) => {
              const k = kinds.find((x) => x === d.value);
              if (k) setKind(k);
              setProblem(null);
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {tw.kind[k]}
              </option>
            ))}
          </Select>
        </FieldBox>
        <FieldBox label={tw.fieldLabel} required>
          <Input
            value={label}
            onChange={(_, d) => {
              setLabel(d.value);
              setProblem(null);
            }}
          />
        </FieldBox>
      </div>
      <div className={styles.pair}>
        <WriterSelect template={ctx.template} rows={rows} value={writer} onChange={setWriter} />
        {!rows && <VisibilitySelect value={visibility} onChange={setVisibility} />}
      </div>
      {(kind === 'rating' || kind === 'checklist') && (
        <FieldBox label={tw.options} hint={tw.optionsHint}>
          <Textarea resize="vertical" rows={3} value={choices} onChange={(_, d) => setChoices(d.value)} />
        </FieldBox>
      )}
      {(kind === 'goalList' || kind === 'actionPlan') && (
        <FieldBox label={tw.columns} hint={tw.columnsHint}>
          <Textarea resize="vertical" rows={3} value={choices} onChange={(_, d) => setChoices(d.value)} />
        </FieldBox>
      )}
      {kind === 'score' && (
        <FieldBox label={tw.max}>
          <Input type="number" min={1} max={1000} step={1} value={max} onChange={(_, d) => setMax(d.value)} />
        </FieldBox>
      )}
      {kind === 'previousItems' && (
        <FieldBox label={tw.source}>
          <Select className={styles.select} value={source} onChange={(_, d) => setSource(d.value)}>
            <option value="">{t('choose')}</option>
            {sources.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </Select>
        </FieldBox>
      )}
      <FieldBox label={tw.fieldGuide} hint={tw.guideHint}>
        <Textarea resize="vertical" rows={3} value={guide} onChange={(_, d) => setGuide(d.value)} />
      </FieldBox>
      {problem && (
        <Text role="alert" block className={styles.error}>
          {problem}
        </Text>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit">
          {tw.addFieldButton}
        </Button>
        <Button onClick={() => props.onDone(false)}>{tw.cancel}</Button>
      </div>
    </form>
  );
}

/** A new section at the end of the template: its heading first, fields added to it afterwards. */
export function AddSectionForm({ ctx }: { ctx: EditorContext }) {
  const styles = useStyles();
  const { tw, m } = useTemplateWords();
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className={styles.form}
      aria-label={tw.addSection}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = title.trim();
        if (trimmed === '') {
          setProblem(tw.titleRequired);
          return;
        }
        const added = addSection(ctx.sections, trimmed);
        ctx.change(added.sections, m('added', { label: trimmed }), focusKey('section', added.id));
        setTitle('');
        setProblem(null);
      }}
    >
      <FieldBox label={tw.addSectionTitle} validationMessage={problem ?? undefined}>
        <Input value={title} data-focus={focusKey('add-section')} onChange={(_, d) => setTitle(d.value)} />
      </FieldBox>
      <div>
        <Button type="submit">{tw.addSection}</Button>
      </div>
    </form>
  );
}
