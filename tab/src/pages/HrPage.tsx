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
import type { CompletionView } from '../../../src/contract/views.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ArchiveList } from './ArchiveList.tsx';
import { UnreachableList } from './UnreachableList.tsx';
import { ErrorNotice, PageTitle } from './common.tsx';

export function HrPage({ api, allowed }: { api: Api; allowed: boolean }) {
  const { t, words, period } = useI18n();
  const [data, setData] = useState<CompletionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (allowed) api.call('getCompletion').then(setData, (e: unknown) => setError(errorText(e)));
  }, [api, allowed]);
  const pct = new Intl.NumberFormat(words.meta.tag, {
    style: 'percent',
    maximumFractionDigits: 0,
  });

  return (
    <section>
      <PageTitle>{`${t('hrTitle')}${data ? ` ${period(data.period)}` : ''}`}</PageTitle>
      {!allowed && <ErrorNotice message={t('hrOnly')} />}
      <Text as="p" block>
        {t('hrLead')}
      </Text>
      {error && <ErrorNotice message={error} />}
      {allowed && !data && !error && <Spinner label={t('loading')} />}
      {data?.rows.length === 0 && <Text>{t('hrEmpty')}</Text>}
      {data && data.rows.length > 0 && (
        <div role="region" aria-label={t('hrTitle')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table className="stack" aria-label={t('hrTitle')} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('colUnit')}</TableHeaderCell>
                <TableHeaderCell>{t('colTemplate')}</TableHeaderCell>
                <TableHeaderCell>{t('colTotal')}</TableHeaderCell>
                <TableHeaderCell>{t('colDone')}</TableHeaderCell>
                <TableHeaderCell>{t('colShare')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow key={`${r.unit.id}|${r.templateKey}`}>
                  <TableCell data-label={t('colUnit')}>{r.unit.name}</TableCell>
                  <TableCell data-label={t('colTemplate')}>{r.templateName}</TableCell>
                  <TableCell data-label={t('colTotal')}>{r.total}</TableCell>
                  <TableCell data-label={t('colDone')}>{r.byStatus.signed + r.byStatus.archived}</TableCell>
                  <TableCell data-label={t('colShare')}>{pct.format(r.completedShare)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {allowed && <UnreachableList api={api} />}
      {allowed && <ArchiveList api={api} />}
    </section>
  );
}
