import { Text, Title3 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice } from './common.tsx';

interface Person {
  oid: string;
  name: string;
  since: string;
}

/** People the bot can no longer reach in Teams (the app was removed or blocked), for HR to follow up. */
export function UnreachableList({ api }: { api: Api }) {
  const { t, locale } = useI18n();
  const [people, setPeople] = useState<Person[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Person[]>('/api/hr/unreachable').then(setPeople, (e: Error) => setError(e.message));
  }, [api]);
  const date = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nb-NO', {
    dateStyle: 'medium',
    timeZone: 'Europe/Oslo',
  });
  return (
    <section aria-labelledby="unreachable-title">
      <Title3 block as="h2" id="unreachable-title">
        {t('unreachableTitle')}
      </Title3>
      {error && <ErrorNotice message={error} />}
      {people?.length === 0 && <Text as="p">{t('unreachableNone')}</Text>}
      {people && people.length > 0 && (
        <>
          <Text as="p">{t('unreachableLead')}</Text>
          <ul>
            {people.map((p) => (
              <li key={p.oid}>{`${p.name} (${t('unreachableSince')} ${date.format(new Date(p.since))})`}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
