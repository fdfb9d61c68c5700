import {
  Badge,
  Button,
  Card,
  Field,
  Select,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { FollowUpLine } from '../../../src/contract/views.ts';
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../../../src/domain/answers.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice, PageTitle, RouterLink } from './common.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalM },
  card: { display: 'grid', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  history: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** "Mine oppfølgingspunkter": my open plan items across conversations, their status and history. */
export function FollowUpPage({ api }: { api: Api }) {
  const styles = useStyles();
  const { t } = useI18n();
  const [items, setItems] = useState<FollowUpLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api.call('listMyFollowUp').then(
        (r) => setItems(r.items),
        (e: unknown) => setError(errorText(e)),
      ),
    [api],
  );
  useEffect(() => void load(), [load]);
  return (
    <section>
      <PageTitle>{t('followUpTitle')}</PageTitle>
      <Text as="p" block>
        {t('followUpLead')}
      </Text>
      {error && <ErrorNotice message={error} />}
      {!items && !error && <Spinner label={t('loading')} />}
      {items?.length === 0 && (
        <Text as="p" block>
          {t('followUpNone')}
        </Text>
      )}
      {items && items.length > 0 && (
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item.itemId}>
              <FollowUpCard api={api} item={item} onSaved={() => void load()} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FollowUpCard({ api, item, onSaved }: { api: Api; item: FollowUpLine; onSaved: () => void }) {
  const styles = useStyles();
  const { t, words, date, dateTime, period } = useI18n();
  const [status, setStatus] = useState<FollowUpStatus>(item.status);
  const [comment, setComment] = useState(item.comment ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const headingId = `follow-up-${item.itemId}`;
  const save = () => {
    setState('saving');
    api
      .call('recordFollowUp', {
        params: { id: item.itemId },
        body: { status, comment: comment.trim() || null, baseVersion: item.version },
      })
      .then(
        () => {
          setError(null);
          setState('saved');
          onSaved();
        },
        (e: unknown) => {
          setError(errorText(e));
          setState('idle');
        },
      );
  };
  return (
    <Card className={styles.card} role="group" aria-labelledby={headingId}>
      <Text weight="semibold" as="h2" size={400} id={headingId} block>
        {item.title}
      </Text>
      <div className={styles.row}>
        <RouterLink href={`/conversations/${item.conversationId}`}>
          {`${item.conversation.templateName} ${period(item.conversation.period)}`}
        </RouterLink>
        {item.due && (
          <Text className={item.overdue ? styles.overdue : undefined}>
            {t(item.overdue ? 'dueOverdue' : 'dueOn', { date: date(item.due) })}
          </Text>
        )}
        <Badge appearance="tint">{words.followUp[item.status]}</Badge>
      </div>
      <Field label={t('itemStatus')}>
        <Select
          value={status}
          onChange={(_, d) => {
            const s = FOLLOW_UP_STATUSES.find((x) => x === d.value);
            if (s) setStatus(s);
          }}
        >
          {FOLLOW_UP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {words.followUp[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('followUpComment')}>
        <Textarea value={comment} resize="vertical" onChange={(_, d) => setComment(d.value)} />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={save} disabled={state === 'saving'}>
          {t('followUpSave')}
        </Button>
        <span role="status" aria-live="polite">
          {state === 'saving' ? t('saving') : state === 'saved' ? t('saved') : ''}
        </span>
      </div>
      {error && <ErrorNotice message={error} />}
      {item.history.length > 0 && (
        <details>
          <summary>{t('followUpHistory', { count: item.history.length })}</summary>
          <ul className={styles.history}>
            {item.history.map((h) => (
              <li key={h.at}>
                {t('followUpHistoryLine', {
                  time: dateTime(h.at),
                  name: h.by,
                  status: words.followUp[h.status],
                })}
                {h.comment ? `: ${h.comment}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
