import {
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { AnswerView, PersonRef } from '../../../src/contract/views.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { Field as TemplateField } from '../template.ts';
import { answerText } from './answer-text.ts';
import { ConflictView, SaveStatus } from './SaveStatus.tsx';
import { NoServablePlan, ServesPicker, useServesWords, type ServableGoals } from './ServesPicker.tsx';
import { useSaver } from './useSaver.ts';

const useStyles = makeStyles({
  // A value nobody may change reads as text: no input frame, no resize handle, lines kept.
  readOnly: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    paddingTop: tokens.spacingVerticalXXS,
  },
  empty: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  serves: { marginTop: tokens.spacingVerticalXS },
});

const emptyOf = (f: TemplateField): unknown =>
  f.kind === 'checklist' ? [] : f.kind === 'score' || f.kind === 'rating' || f.kind === 'person' ? null : '';

/** An answer as text in an input or the conflict view: text and numbers as they are, lists joined. */
export function shown(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(shown).join(', ');
  return '';
}

/** One field's editor: it saves as the person types and says so; the server decides whether it may. */
export function AnswerEditor(props: {
  api: Api;
  conversationId: string;
  field: TemplateField;
  label: string;
  /** The label for screen readers where the visible one repeats in the form ("Samtale"). */
  accessibleLabel?: string;
  answer: AnswerView | undefined;
  editable: boolean;
  people: PersonRef[];
  hintId?: string;
  onSaved: () => void;
  /** What a goal written as text may serve ("Bidrar til"): the parties only, once read; else null. */
  servable?: ServableGoals | null;
  /** The unit goal this field serves now, where its definition lets it name one. */
  servesGoalId?: string | null;
  /**
   * A template's preview (the template editor): the controls its writer will fill in, shown read-only
   * (editable false), so nothing can be typed or saved.
   */
  preview?: boolean;
}) {
  const { api, conversationId, field, label, answer, editable, people } = props;
  const i18n = useI18n();
  const { t, rating } = i18n;
  const styles = useStyles();
  const save = useSaver<unknown>({
    value: answer?.value ?? emptyOf(field),
    version: answer?.version ?? 0,
    write: async (value, baseVersion, { keepalive }) =>
      (
        await api.call('saveAnswer', {
          params: { id: conversationId, fieldId: field.id },
          body: { value, baseVersion },
          keepalive,
        })
      ).answer.version,
    onSaved: props.onSaved,
  });
  const name = (oid: string | null) => (oid ? (people.find((p) => p.oid === oid)?.name ?? '') : '');
  const text = shown(save.draft);
  const describedBy = props.hintId;
  const aria = props.accessibleLabel ? { 'aria-label': props.accessibleLabel } : {};
  const s = useServesWords();

  // "Bidrar til" below the text, for the parties, in any status: the link is not part of the record.
  const servable = field.servesUnitGoal ? props.servable : null;
  const serves = !servable ? null : servable.goals.length === 0 ? (
    <div className={styles.serves}>
      <NoServablePlan year={servable.year} />
    </div>
  ) : (
    <div className={styles.serves}>
      <ServesPicker
        goals={servable.goals}
        value={props.servesGoalId ?? null}
        name={s('fieldName', { field: props.accessibleLabel ?? label })}
        write={async (goalId) =>
          (
            await api.call('linkAnswerField', {
              params: { id: conversationId, fieldId: field.id },
              body: { goalId },
            })
          ).servesGoalId
        }
        onSaved={props.onSaved}
      />
    </div>
  );

  // Read-only (signing, locked, not mine to write): the answer as words, as it will be archived.
  if (!editable && !props.preview && !save.conflict && save.state !== 'error') {
    const value = answerText(field, save.draft, i18n, people);
    const empty = value === '—';
    return (
      <div role="group" aria-label={props.accessibleLabel ?? label} data-readonly>
        <Text weight="semibold" block>
          {label}
        </Text>
        <Text block className={empty ? styles.empty : styles.readOnly}>
          {empty ? t('notFilled') : value}
        </Text>
        {serves}
      </div>
    );
  }

  let control: React.ReactNode;
  switch (field.kind) {
    case 'text':
    case 'reflection':
    case 'previousItems':
    case 'goalList':
    case 'actionPlan':
      control = (
        <Textarea
          resize="vertical"
          rows={4}
          value={text}
          readOnly={!editable}
          onChange={(_, d) => save.setDraft(d.value)}
          onBlur={() => void save.flush()}
          aria-describedby={describedBy}
          {...aria}
        />
      );
      break;
    case 'date':
      control = (
        <Input
          type="date"
          value={text}
          readOnly={!editable}
          onChange={(_, d) => save.setDraft(d.value || null, 0)}
          aria-describedby={describedBy}
          {...aria}
        />
      );
      break;
    case 'score':
      control = (
        <Input
          type="number"
          inputMode="decimal"
          min={0}
          max={field.max}
          step={0.1}
          value={text}
          readOnly={!editable}
          onChange={(_, d) => save.setDraft(d.value === '' ? null : Number(d.value))}
          onBlur={() => void save.flush()}
          aria-describedby={describedBy}
          {...aria}
        />
      );
      break;
    case 'rating':
      control = (
        <RadioGroup
          value={typeof save.draft === 'string' ? save.draft : ''}
          disabled={!editable}
          onChange={(_, d) => save.setDraft(d.value, 0)}
          layout="horizontal"
          // Three grades do not fit side by side on a phone: they wrap instead of widening the page.
          style={{ flexWrap: 'wrap' }}
          aria-describedby={describedBy}
          {...aria}
        >
          {field.options.map((o) => (
            <Radio key={o.id} value={o.id} label={rating(o)} />
          ))}
        </RadioGroup>
      );
      break;
    case 'person':
      control = (
        <Select
          value={text}
          disabled={!editable}
          onChange={(_, d) => save.setDraft(d.value || null, 0)}
          aria-describedby={describedBy}
          {...aria}
        >
          <option value="">{t('choose')}</option>
          {people.map((p) => (
            <option key={p.oid} value={p.oid}>
              {p.name}
            </option>
          ))}
        </Select>
      );
      break;
    case 'checklist': {
      const chosen = Array.isArray(save.draft) ? (save.draft as string[]) : [];
      control = (
        <div role="group" aria-label={props.accessibleLabel ?? label}>
          {field.options.map((o) => (
            <Checkbox
              key={o.id}
              label={o.label}
              checked={chosen.includes(o.id)}
              disabled={!editable}
              onChange={(_, d) =>
                save.setDraft(d.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id), 0)
              }
            />
          ))}
        </div>
      );
      break;
    }
  }

  return (
    <div>
      <Field label={label} validationState={save.state === 'error' ? 'error' : 'none'}>
        {control}
      </Field>
      <SaveStatus state={save.state} error={save.error} onRetry={save.retry} />
      {save.conflict && (
        <ConflictView
          mine={shown(save.draft)}
          theirs={shown(save.conflict.value)}
          by={name(save.conflict.updatedBy)}
          canMerge={field.kind === 'text' || field.kind === 'reflection'}
          onResolve={save.resolve}
        />
      )}
      {serves}
    </div>
  );
}
