import { Text, Title3 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { UnreachablePerson } from '../../../src/contract/views.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice } from './common.tsx';

/** People the bot can no longer reach in Teams (the app was removed or blocked), for HR to follow up. */
export function UnreachableList({ api }: { api: Api }) {
  const { t, date } = useI18n();
  const [people, setPeople] = useState<UnreachablePerson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('listUnreachable').then(setPeople, (e: unknown) => setError(errorText(e)));
  }, [api]);
  return (
    <section aria-labelledby="unreachable-title">
      <Title3 block as="h2" id="unreachable-title">
        {t('unreachableTitle')}
      </Title3>
      {error && <ErrorNotice message={error} />}
      {people?.length === 0 && (
        <Text as="p" block>
          {t('unreachableNone')}
        </Text>
      )}
      {people && people.length > 0 && (
        <>
          <Text as="p" block>
            {t('unreachableLead')}
          </Text>
          <ul>
            {people.map((p) => (
              <li key={p.oid}>{t('unreachableSince', { name: p.name, date: date(p.since) })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
