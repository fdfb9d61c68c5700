import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
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
import { useAutosave } from './useAutosave.ts';

const useStyles = makeStyles({
  status: { minHeight: '1.2em', color: tokens.colorNeutralForeground3 },
  conflict: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalS,
  },
  pre: {
    whiteSpace: 'pre-wrap',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const emptyOf = (f: TemplateField): unknown =>
  f.kind === 'checklist' ? [] : f.kind === 'score' || f.kind === 'rating' || f.kind === 'person' ? null : '';

/** An answer as text in an input or the conflict view: text and numbers as they are, lists joined. */
function shown(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(shown).join(', ');
  return '';
}

export function AnswerEditor(props: {
  api: Api;
  conversationId: string;
  field: TemplateField;
  label: string;
  answer: AnswerView | undefined;
  editable: boolean;
  people: PersonRef[];
  hintId?: string;
  onSaved: () => void;
}) {
  const { api, conversationId, field, label, answer, editable, people } = props;
  const styles = useStyles();
  const { t, rating } = useI18n();
  const save = useAutosave(api, conversationId, field.id, answer, emptyOf(field), props.onSaved);
  const name = (oid: string) => people.find((p) => p.oid === oid)?.name ?? oid;
  const statusText = save.state === 'saving' ? t('saving') : save.state === 'saved' ? t('saved') : '';
  const text = shown(save.draft);
  const describedBy = props.hintId;

  let control: React.ReactNode;
  switch (field.kind) {
    case 'text':
    case 'reflection':
      control = (
        <Textarea
          resize="vertical"
          rows={4}
          value={text}
          readOnly={!editable}
          onChange={(_, d) => save.setDraft(d.value)}
          onBlur={() => void save.flush()}
          aria-describedby={describedBy}
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
          value={shown(save.draft)}
          readOnly={!editable}
          onChange={(_, d) => save.setDraft(d.value === '' ? null : Number(d.value))}
          onBlur={() => void save.flush()}
          aria-describedby={describedBy}
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
          aria-describedby={describedBy}
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
        <div role="group" aria-label={label}>
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
    default:
      control = null;
  }

  return (
    <div>
      {field.kind === 'checklist' ? (
        <>
          <Text weight="semibold">{label}</Text>
          {control}
        </>
      ) : (
        <Field
          label={label}
          validationState={save.state === 'error' ? 'error' : 'none'}
          validationMessage={
            save.state === 'error' ? t('saveFailed', { message: save.error ?? '' }) : undefined
          }
        >
          {control}
        </Field>
      )}
      <div className={styles.status} role="status" aria-live="polite">
        {statusText}
      </div>
      {save.conflict && (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t('conflictTitle')}</MessageBarTitle>
            {t('conflictLead')}
            <div className={styles.conflict}>
              <div>
                <Text weight="semibold" as="h4">
                  {t('conflictYours')}
                </Text>
                <pre className={styles.pre} data-testid="conflict-mine">
                  {shown(save.draft)}
                </pre>
              </div>
              <div>
                <Text weight="semibold" as="h4">
                  {t('conflictTheirs', { name: name(save.conflict.updatedBy) })}
                </Text>
                <pre className={styles.pre} data-testid="conflict-theirs">
                  {shown(save.conflict.value)}
                </pre>
              </div>
            </div>
          </MessageBarBody>
          <MessageBarActions>
            <div className={styles.actions}>
              <Button appearance="primary" onClick={() => save.resolve('merge')}>
                {t('mergeBoth')}
              </Button>
              <Button onClick={() => save.resolve('mine')}>{t('keepMine')}</Button>
              <Button onClick={() => save.resolve('theirs')}>{t('useTheirs')}</Button>
            </div>
          </MessageBarActions>
        </MessageBar>
      )}
    </div>
  );
}
