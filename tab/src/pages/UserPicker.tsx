import { Button, Caption1, Card, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { createApi } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { ErrorNotice, PageTitle } from './common.tsx';

interface DevUser {
  userId: string;
  name: string;
  roles: string[];
  unit: string | null;
  isLeader: boolean;
}

const useStyles = makeStyles({
  page: {
    padding: tokens.spacingHorizontalXL,
    maxWidth: '960px',
    margin: '0 auto',
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: '100vh',
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
  const { t, locale } = useI18n();
  const [users, setUsers] = useState<DevUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => createApi(locale, async () => null), [locale]);

  useEffect(() => {
    api.get<{ users: DevUser[] }>('/api/dev/users').then(
      (r) => setUsers(r.users),
      (e: Error) => setError(e.message),
    );
  }, [api]);

  const choose = (userId: string) =>
    api.send<{ token: string }>('POST', '/api/dev/login', { userId }).then(
      (r) => onToken(r.token),
      (e: Error) => setError(e.message),
    );

  return (
    <main className={styles.page}>
      <PageTitle>{t('pickUserTitle')}</PageTitle>
      <Text as="p">{t('pickUserLead')}</Text>
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
                    ? u.roles.map((r) => t(`role${r}` as MessageKey))
                    : [t(u.isLeader ? 'roleLeader' : 'roleEmployee')]),
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
