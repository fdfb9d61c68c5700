import { Button, Caption1, Card, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { ResponseOf } from '../../../src/contract/endpoints.ts';
import { createApi, errorText } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice, PageTitle } from './common.tsx';

type DevUser = ResponseOf<'listDevUsers'>['users'][number];

const useStyles = makeStyles({
  page: {
    padding: tokens.spacingHorizontalXL,
    maxWidth: '960px',
    margin: '0 auto',
    backgroundColor: tokens.colorNeutralBackground2,
    boxSizing: 'border-box',
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalM,
    listStyle: 'none',
    padding: 0,
  },
  card: { height: '100%' },
});

export function UserPicker({ onToken }: { onToken: (token: string) => void }) {
  const styles = useStyles();
  const { t, locale, words } = useI18n();
  const [users, setUsers] = useState<DevUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => createApi(locale, () => Promise.resolve(null)), [locale]);

  useEffect(() => {
    api.call('listDevUsers').then(
      (r) => setUsers(r.users),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api]);

  const choose = (userId: string) =>
    api.call('devLogin', { body: { userId } }).then(
      (r) => onToken(r.token),
      (e: unknown) => setError(errorText(e)),
    );

  return (
    <main className={styles.page}>
      <PageTitle>{t('pickUserTitle')}</PageTitle>
      <Text as="p" block>
        {t('pickUserLead')}
      </Text>
      {error && <ErrorNotice message={error} />}
      {!users && !error && <Spinner label={t('loading')} />}
      <ul className={styles.grid}>
        {users?.map((u) => (
          <li key={u.userId}>
            <Card className={styles.card}>
              <Button appearance="primary" onClick={() => void choose(u.userId)}>
                {u.name}
              </Button>
              <Caption1>
                {[
                  u.unit,
                  ...(u.roles.length
                    ? u.roles.map((r) => words.role[r])
                    : [words.role[u.isLeader ? 'leader' : 'employee']]),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Caption1>
            </Card>
          </li>
        ))}
      </ul>
    </main>
  );
}
