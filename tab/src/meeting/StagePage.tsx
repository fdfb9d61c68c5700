import {
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { ConversationView } from '../../../src/contract/views.ts';
import { fill } from '../../../src/contract/words/format.ts';
import { errorText, type Api } from '../api.ts';
import { answerText } from '../form/answer-text.ts';
import { ItemsTable } from '../form/ItemsTable.tsx';
import { useI18n } from '../i18n.ts';
import { ErrorNotice, PageTitle } from '../pages/common.tsx';
import { templateIn, type Field } from '../template.ts';

const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalL, maxWidth: '1200px', margin: '0 auto' },
  section: { display: 'grid', gap: tokens.spacingVerticalM },
  field: { display: 'grid', gap: tokens.spacingVerticalXS },
  value: { whiteSpace: 'pre-wrap', overflowWrap: 'break-word', fontSize: tokens.fontSizeBase400 },
  empty: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

/**
 * The shared record as the meeting's stage shows it, to everyone in the meeting: read only, from the
 * server's stage view, which holds no private preparation (not even the reader's own) and no salary.
 */
export function StagePage({ api, id }: { api: Api; id: string }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t, words, period, locale } = i18n;
  const w = words.meeting;
  const [loaded, setLoaded] = useState<ConversationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const read = () =>
      api.call('getStageRecord', { params: { id } }).then(setLoaded, (e: unknown) => setError(errorText(e)));
    void read();
    // What the parties write in the side panel reaches the stage as they save it.
    const stop = new AbortController();
    void api
      .events('conversationEvents', { params: { id } }, () => void read(), stop.signal)
      .catch(() => undefined);
    return () => stop.abort();
  }, [api, id]);
  const definition = useMemo(() => (loaded ? templateIn(loaded.definition, locale) : null), [loaded, locale]);

  if (error) return <ErrorNotice message={error} />;
  if (!loaded || !definition) return <Spinner label={t('loading')} />;
  const people = [loaded.parties.leader, loaded.parties.employee];
  const fields = new Map(loaded.sections.flatMap((s) => s.fields.map((f) => [f.id, f] as const)));

  const value = (field: Field) => {
    const fv = fields.get(field.id);
    if (field.kind === 'goalList' || field.kind === 'actionPlan')
      return (
        <ItemsTable
          api={api}
          conversationId={loaded.id}
          field={field}
          items={fv?.items ?? []}
          editable={false}
          people={people}
          locked
          onChange={() => undefined}
          servable={null}
        />
      );
    // A shared field has one answer, or one per party where both write their own view.
    const slots = (['shared', 'leader', 'employee'] as const).flatMap((slot) => {
      const answer = fv?.answers[slot];
      return answer ? [{ slot, text: answerText(field, answer.value, i18n, people) }] : [];
    });
    if (slots.length === 0)
      return (
        <Text block className={styles.empty}>
          {w.stageEmpty}
        </Text>
      );
    return slots.map(({ slot, text }) => (
      <Text block key={slot} className={styles.value}>
        {slot === 'shared' ? text : `${loaded.parties[slot].name}: ${text}`}
      </Text>
    ));
  };

  return (
    <article className={styles.page}>
      <div>
        <PageTitle>
          {fill(w.stageTitle, { title: definition.title, period: period(loaded.period) })}
        </PageTitle>
        <Caption1 block>{w.stageNote}</Caption1>
      </div>
      {loaded.withheldSections.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{w.stageSalaryWithheld}</MessageBarBody>
        </MessageBar>
      )}
      {definition.sections.map((section) => (
        <Card key={section.id} className={styles.section}>
          <Title3 as="h2" block>
            {section.title}
          </Title3>
          {section.fields
            .filter((f) => f.kind !== 'previousItems')
            .map((field) => (
              <div key={field.id} className={styles.field} data-field={field.id}>
                {field.label !== section.title && (
                  <Text weight="semibold" block>
                    {field.label}
                  </Text>
                )}
                {value(field)}
              </div>
            ))}
        </Card>
      ))}
    </article>
  );
}
