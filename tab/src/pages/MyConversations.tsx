import {
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MyConversation } from '../../../src/contract/views.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice, PageTitle, RouterLink, StatusBadge } from './common.tsx';

export function MyConversations({ api }: { api: Api }) {
  const { t, words, date, period, list, locale } = useI18n();
  const [items, setItems] = useState<MyConversation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('listMyConversations').then(
      (r) => setItems(r.conversations),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api]);

  return (
    <section aria-labelledby="mine-title">
      <PageTitle>{t('mineTitle')}</PageTitle>
      {error && <ErrorNotice message={error} />}
      {!items && !error && <Spinner label={t('loading')} />}
      {items?.length === 0 && <Text>{t('mineEmpty')}</Text>}
      {items && items.length > 0 && (
        <div role="region" aria-label={t('mineTitle')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table className="stack" aria-label={t('mineTitle')} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('colConversation')}</TableHeaderCell>
                <TableHeaderCell>{t('colWith')}</TableHeaderCell>
                <TableHeaderCell>{t('colPeriod')}</TableHeaderCell>
                <TableHeaderCell>{t('colStatus')}</TableHeaderCell>
                <TableHeaderCell>{t('colNext')}</TableHeaderCell>
                <TableHeaderCell>{t('colWaiting')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((c) => {
                const other = c.you === 'leader' ? c.parties.employee : c.parties.leader;
                return (
                  <TableRow key={c.id}>
                    <TableCell data-label={t('colConversation')}>
                      <RouterLink href={`/conversations/${c.id}`}>
                        {c.template.name} {period(c.period)}
                      </RouterLink>
                    </TableCell>
                    <TableCell data-label={t('colWith')}>
                      {other.name} (
                      {t('youAre', { role: c.template.parties[c.you].toLocaleLowerCase(locale) })})
                    </TableCell>
                    <TableCell data-label={t('colPeriod')}>
                      {c.scheduledAt ? date(c.scheduledAt) : period(c.period)}
                    </TableCell>
                    <TableCell data-label={t('colStatus')}>
                      <StatusBadge status={c.status} />
                    </TableCell>
                    <TableCell data-label={t('colNext')}>{words.nextStep[c.nextStep]}</TableCell>
                    <TableCell data-label={t('colWaiting')}>
                      {c.waitingFor.length
                        ? list(c.waitingFor.map((p) => (p.oid === c.parties[c.you].oid ? t('you') : p.name)))
                        : t('nobody')}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
