import {
  Button,
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ArchiveEntry, ArchiveListing, TemplateSummary } from '../../../src/contract/views.ts';
import { errorText, openPdf, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { fill } from '../../../src/contract/words/format.ts';
import { HoldButton, HoldDialog } from './HoldButton.tsx';
import { ErrorNotice, ShowMore } from './common.tsx';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    margin: `${tokens.spacingVerticalM} 0`,
  },
});

/** HR's archive: filter by year, type and unit, open each PDF (the server logs every opening). */
export function ArchiveList({ api }: { api: Api }) {
  const styles = useStyles();
  const { t, words, date, period } = useI18n();
  const [year, setYear] = useState('');
  const [type, setType] = useState('');
  const [unit, setUnit] = useState('');
  const [data, setData] = useState<ArchiveListing | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [types, setTypes] = useState<TemplateSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const r = words.tab.retention;
  // A hold changed: every part of that record (its Punkt 4 too) shows it.
  const [holding, setHolding] = useState<ArchiveEntry | null>(null);
  const [dialogFor, setDialogFor] = useState<ArchiveEntry | null>(null);
  const ask = (e: ArchiveEntry) => {
    setDialogFor(e);
    setHolding(e);
  };
  const held = ({ conversationId }: ArchiveEntry, hold: ArchiveEntry['hold'], message: string) => {
    setNotice(message);
    setData(
      (d) =>
        d && {
          ...d,
          entries: d.entries.map((x) => (x.conversationId === conversationId ? { ...x, hold } : x)),
        },
    );
  };

  useEffect(() => {
    api
      .call('listArchive', { query: { year, templateKey: type, unitId: unit } })
      .then(setData, (e: unknown) => setError(errorText(e)));
  }, [api, year, type, unit]);
  // The conversation types come from the templates the organisation uses, not from a list of our own.
  useEffect(() => {
    api.call('listTemplates').then(
      (r) => setTypes(r.templates.filter((x) => x.kind === 'conversation')),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api]);

  // The next page is added below the rows already shown, so a person reading the list keeps their place.
  const more = () => {
    if (!data?.next) return;
    setLoadingMore(true);
    api
      .call('listArchive', { query: { year, templateKey: type, unitId: unit, after: data.next } })
      .then(
        (page) => setData({ ...page, entries: [...data.entries, ...page.entries] }),
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setLoadingMore(false));
  };

  const open = (e: ArchiveEntry) =>
    openPdf(api, e.conversationId, e.part).catch((err: unknown) => setError(errorText(err)));

  return (
    <section aria-labelledby="archive-title">
      <Title3 block as="h2" id="archive-title">
        {t('archiveTitle')}
      </Title3>
      <Text as="p" block>
        {t('archiveLead')}
      </Text>
      <div className={styles.filters}>
        <Field label={t('filterYear')}>
          <Select value={year} onChange={(_, d) => setYear(d.value)}>
            <option value="">{t('all')}</option>
            {data?.years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </Select>
        </Field>
        <Field label={t('filterType')}>
          <Select value={type} onChange={(_, d) => setType(d.value)}>
            <option value="">{t('all')}</option>
            {types.map((x) => (
              <option key={x.key} value={x.key}>
                {x.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('filterUnit')}>
          <Select value={unit} onChange={(_, d) => setUnit(d.value)}>
            <option value="">{t('all')}</option>
            {data?.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {error && <ErrorNotice message={error} />}
      <Text role="status" block>
        {notice ?? ''}
      </Text>
      {data?.entries.length === 0 && <Text role="status">{t('archiveEmpty')}</Text>}
      {data && data.entries.length > 0 && (
        <div role="region" aria-label={t('archiveTitle')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table
            className="stack"
            size="small"
            aria-label={t('archiveTitle')}
            // Columns as wide as their words: eight of equal width broke a type's name mid-word.
            style={{ tableLayout: 'auto' }}
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('colEmployee')}</TableHeaderCell>
                <TableHeaderCell>{t('filterType')}</TableHeaderCell>
                <TableHeaderCell>{t('colPeriod')}</TableHeaderCell>
                <TableHeaderCell>{t('filterUnit')}</TableHeaderCell>
                <TableHeaderCell>{t('colPart')}</TableHeaderCell>
                <TableHeaderCell>{t('colArchived')}</TableHeaderCell>
                <TableHeaderCell>{r.colDisposeOn}</TableHeaderCell>
                <TableHeaderCell>PDF</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.entries.map((e) => (
                <TableRow key={`${e.conversationId}-${e.part}`}>
                  <TableCell data-label={t('colEmployee')}>{e.employee}</TableCell>
                  <TableCell data-label={t('filterType')}>{e.templateName}</TableCell>
                  <TableCell data-label={t('colPeriod')}>{period(e.period)}</TableCell>
                  <TableCell data-label={t('filterUnit')}>{e.unit}</TableCell>
                  <TableCell data-label={t('colPart')}>{words.part[e.part]}</TableCell>
                  <TableCell data-label={t('colArchived')}>{date(e.archivedAt)}</TableCell>
                  {/* The date, and whether HR keeps the record past it: one column, so the table still fits. */}
                  <TableCell data-label={r.colDisposeOn}>
                    <Text block>{date(e.disposeOn)}</Text>
                    {e.hold && (
                      <Text block size={200}>
                        {fill(r.heldBy, {
                          reason: e.hold.reason,
                          name: e.hold.placedBy,
                          date: date(e.hold.placedAt),
                        })}
                      </Text>
                    )}
                    <HoldButton api={api} entry={e} onAsk={ask} onChange={held} />
                  </TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      onClick={() => void open(e)}
                      aria-label={t('openPdf', { name: e.employee, period: period(e.period) })}
                    >
                      PDF
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {/* Mounted only while asked for: a dialog kept on the page leaves Fluent's focus guards in the
          body, hidden from screen readers yet focusable. */}
      {dialogFor && (
        <HoldDialog
          api={api}
          entry={holding}
          onClose={() => setHolding(null)}
          onChange={held}
          afterClose={(e) => {
            setDialogFor(null);
            document.querySelector<HTMLElement>(`[data-hold="${CSS.escape(e.conversationId)}"]`)?.focus();
          }}
        />
      )}
      {data && data.entries.length > 0 && (
        <ShowMore
          shown={data.entries.length}
          total={data.total}
          more={data.next !== null}
          loading={loadingMore}
          onMore={more}
        />
      )}
    </section>
  );
}
