import {
  Field,
  Select,
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
import { PersonExport } from './DataExport.tsx';
import { RoundsSection } from './RoundsSection.tsx';
import { UnreachableList } from './UnreachableList.tsx';
import { ErrorNotice, PageTitle } from './common.tsx';

export function HrPage({ api, allowed }: { api: Api; allowed: boolean }) {
  const { t, words, period } = useI18n();
  const [data, setData] = useState<CompletionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The period the figures and rounds are for: this year until HR picks another.
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (allowed)
      api
        .call('getCompletion', { query: chosen ? { period: chosen } : {} })
        .then(setData, (e: unknown) => setError(errorText(e)));
  }, [api, allowed, chosen]);
  const shown = chosen ?? data?.period;
  // This year, four before it and the next: the years a round or its conversations belong to.
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear + 1 - i));
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
      {allowed && shown && (
        <Field label={words.tab.rounds.period} style={{ maxWidth: 200, margin: '8px 0' }}>
          <Select value={shown} onChange={(_, d) => setChosen(d.value)}>
            {[...new Set([...years, shown])]
              .sort()
              .reverse()
              .map((y) => (
                <option key={y} value={y}>
                  {period(y)}
                </option>
              ))}
          </Select>
        </Field>
      )}
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
      {data && data.rows.length > 0 && (
        <Text as="p" block size={200}>
          {t('hrShareNote')}
        </Text>
      )}
      {allowed && shown && <RoundsSection api={api} period={shown} />}
      {allowed && <UnreachableList api={api} />}
      {allowed && <ArchiveList api={api} />}
      {allowed && <PersonExport api={api} />}
    </section>
  );
}
