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
import { ApiError, openPdf, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice } from './common.tsx';

interface Entry {
  conversationId: string;
  part: 'record' | 'salary';
  year: string;
  templateKey: string;
  templateName: string;
  period: string;
  unit: string;
  employee: string;
  leader: string;
  archivedAt: string;
  file: string;
}
interface Listing {
  entries: Entry[];
  years: string[];
  units: { id: string; name: string }[];
}

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    margin: `${tokens.spacingVerticalM} 0`,
  },
});

const TYPES = [
  ['kontraktsamtale', 'Kontraktsamtale'],
  ['utviklingssamtale-leder', 'Utviklingssamtale for ledere'],
  ['medarbeidersamtale-10-faktor', 'Medarbeidersamtale'],
] as const;

/** HR's archive: filter by year, type and unit, open each PDF (the server logs every opening). */
export function ArchiveList({ api }: { api: Api }) {
  const styles = useStyles();
  const { t } = useI18n();
  const [year, setYear] = useState('');
  const [type, setType] = useState('');
  const [unit, setUnit] = useState('');
  const [data, setData] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = new URLSearchParams({
      ...(year ? { year } : {}),
      ...(type ? { templateKey: type } : {}),
      ...(unit ? { unitId: unit } : {}),
    });
    api.get<Listing>(`/api/hr/archive?${q.toString()}`).then(setData, (e: Error) => setError(e.message));
  }, [api, year, type, unit]);

  const open = (e: Entry) =>
    openPdf(api, e.file).catch((err: unknown) =>
      setError(err instanceof ApiError ? err.message : String(err)),
    );

  return (
    <section aria-labelledby="archive-title">
      <Title3 block as="h2" id="archive-title">
        {t('archiveTitle')}
      </Title3>
      <Text as="p">{t('archiveLead')}</Text>
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
            {TYPES.map(([k, name]) => (
              <option key={k} value={k}>
                {name}
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
      {data?.entries.length === 0 && <Text role="status">{t('archiveEmpty')}</Text>}
      {data && data.entries.length > 0 && (
        <div role="region" aria-label={t('archiveTitle')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('archiveTitle')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('colEmployee')}</TableHeaderCell>
                <TableHeaderCell>{t('filterType')}</TableHeaderCell>
                <TableHeaderCell>{t('colPeriod')}</TableHeaderCell>
                <TableHeaderCell>{t('filterUnit')}</TableHeaderCell>
                <TableHeaderCell>{t('colPart')}</TableHeaderCell>
                <TableHeaderCell>{t('colArchived')}</TableHeaderCell>
                <TableHeaderCell>PDF</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.entries.map((e) => (
                <TableRow key={`${e.conversationId}-${e.part}`}>
                  <TableCell>{e.employee}</TableCell>
                  <TableCell>{e.templateName}</TableCell>
                  <TableCell>{e.period}</TableCell>
                  <TableCell>{e.unit}</TableCell>
                  <TableCell>{t(e.part === 'salary' ? 'partSalary' : 'partRecord')}</TableCell>
                  <TableCell>{e.archivedAt.slice(0, 10)}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      onClick={() => void open(e)}
                      aria-label={t('openPdf', { name: e.employee, period: e.period })}
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
    </section>
  );
}
