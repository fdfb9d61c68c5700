import { Badge, Card, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { ActionItemView, AnswerView, PersonRef } from '../../../src/contract/views.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { Column, Field as TemplateField } from '../template.ts';
import { SaveStatus } from './SaveStatus.tsx';
import { useSaver } from './useSaver.ts';

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalM },
  card: { display: 'grid', gap: tokens.spacingVerticalS },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'break-word' },
});

type Assessments = Record<string, string>;

/**
 * Last period's goals or measures, each with its text, owner, deadline, status and comment, and the
 * assessment written beside it (saved as this field's answer: item → text).
 */
export function PreviousItems(props: {
  api: Api;
  conversationId: string;
  field: TemplateField;
  /** The columns of the plan the items come from. */
  columns: Column[];
  previous: { period: string; items: ActionItemView[] } | undefined;
  answer: AnswerView | undefined;
  editable: boolean;
  people: PersonRef[];
  onSaved: () => void;
}) {
  const { field, previous, columns } = props;
  const styles = useStyles();
  const { t, words, date, period, rating } = useI18n();
  const initial = (props.answer?.value ?? {}) as Assessments;
  const save = useSaver<Assessments>({
    value: initial,
    version: props.answer?.version ?? 0,
    write: async (value, baseVersion, { keepalive }) =>
      (
        await props.api.call('saveAnswer', {
          params: { id: props.conversationId, fieldId: field.id },
          body: { value, baseVersion },
          keepalive,
        })
      ).answer.version,
    onSaved: props.onSaved,
  });
  if (!previous || previous.items.length === 0) return <Text block>{t('previousNone')}</Text>;
  const shownCell = (c: Column, v: string | null): string => {
    if (!v) return '—';
    if (c.type === 'date') return date(v);
    if (c.type === 'person') return props.people.find((p) => p.oid === v)?.name ?? t('someoneElse');
    if (c.type === 'rating') {
      const o = c.options?.find((x) => x.id === v);
      return o ? rating(o) : '—';
    }
    return v;
  };
  return (
    <div>
      <Text weight="semibold" as="h3" block>
        {field.label} – {t('previousItems', { period: period(previous.period) })}
      </Text>
      <ul className={styles.list}>
        {previous.items.map((item, i) => (
          <li key={item.id}>
            <Card className={styles.card}>
              <dl className={styles.facts}>
                {columns.map((c) => (
                  <div key={c.id} style={{ display: 'contents' }}>
                    <dt className={styles.term}>{c.label}</dt>
                    <dd className={styles.value}>{shownCell(c, item.cells[c.id] ?? null)}</dd>
                  </div>
                ))}
                <dt className={styles.term}>{t('itemStatus')}</dt>
                <dd className={styles.value}>
                  <Badge appearance="tint">{words.followUp[item.status]}</Badge>
                  {item.statusComment ? ` ${item.statusComment}` : ''}
                </dd>
              </dl>
              {props.editable || save.draft[item.id] ? (
                <Field label={t('assessment', { n: i + 1 })}>
                  <Textarea
                    resize="vertical"
                    value={save.draft[item.id] ?? ''}
                    readOnly={!props.editable}
                    onChange={(_, d) => save.setDraft({ ...save.draft, [item.id]: d.value })}
                    onBlur={() => void save.flush()}
                  />
                </Field>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
      {props.editable && <SaveStatus state={save.state} error={save.error} onRetry={save.retry} />}
    </div>
  );
}
