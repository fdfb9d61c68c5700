import {
  Badge,
  Button,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError, type Api, type Item, type PersonRef } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import type { Column, Field } from '../template.ts';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  cell: { minWidth: '140px' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Action-plan rows and development goals: each row is saved on its own, with the same version guard. */
export function ItemsTable(props: {
  api: Api;
  conversationId: string;
  field: Field;
  items: Item[];
  editable: boolean;
  people: PersonRef[];
  meOid: string;
  locked: boolean;
  onChange: () => void;
}) {
  const { api, conversationId, field, items, editable, people } = props;
  const styles = useStyles();
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const columns = field.kind === 'goalList' || field.kind === 'actionPlan' ? field.columns : [];
  const run = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(null);
        props.onChange();
      },
      (e: unknown) => {
        setError(e instanceof ApiError ? e.message : String(e));
        props.onChange();
      },
    );

  return (
    <div>
      <div className={styles.scroll} role="region" aria-label={field.label} tabIndex={0}>
        <Table size="small" aria-label={field.label}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>#</TableHeaderCell>
              {columns.map((c) => (
                <TableHeaderCell key={c.id}>
                  {c.group ? `${c.group}: ` : ''}
                  {c.label}
                  {c.hint && (
                    <Text size={200} block>
                      {c.hint}
                    </Text>
                  )}
                </TableHeaderCell>
              ))}
              {props.locked && <TableHeaderCell>{t('itemStatus')}</TableHeaderCell>}
              {editable && <TableHeaderCell>{''}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item, i) => (
              <TableRow key={item.id}>
                <TableCell>{i + 1}</TableCell>
                {columns.map((c) => (
                  <TableCell key={c.id} className={styles.cell}>
                    <CellEditor
                      column={c}
                      item={item}
                      row={i + 1}
                      editable={editable}
                      people={people}
                      onSave={(cells) =>
                        run(api.send('PATCH', `/api/items/${item.id}`, { cells, baseVersion: item.version }))
                      }
                    />
                  </TableCell>
                ))}
                {props.locked && (
                  <TableCell>
                    <FollowUp
                      api={api}
                      item={item}
                      mine={item.ownerOid === props.meOid}
                      onDone={props.onChange}
                    />
                  </TableCell>
                )}
                {editable && (
                  <TableCell>
                    <Button
                      size="small"
                      onClick={() =>
                        void run(api.send('DELETE', `/api/items/${item.id}?version=${item.version}`))
                      }
                    >
                      {t('removeRow', { n: i + 1 })}
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {editable && (
        <Button
          onClick={() =>
            void run(
              api.send('POST', `/api/conversations/${conversationId}/items`, {
                fieldId: field.id,
                cells: {},
              }),
            )
          }
        >
          {t('addRow')}
        </Button>
      )}
      {error && (
        <Text role="alert" className={styles.error}>
          {t('saveFailed', { message: error })}
        </Text>
      )}
    </div>
  );
}

function CellEditor(props: {
  column: Column;
  item: Item;
  row: number;
  editable: boolean;
  people: PersonRef[];
  onSave: (cells: Record<string, string | null>) => void;
}) {
  const { column, item, row, editable, people } = props;
  const { t } = useI18n();
  const [value, setValue] = useState(item.cells[column.id] ?? '');
  const label = `${column.label}, ${t('row', { n: row })}`;
  const commit = (v: string) => {
    if ((item.cells[column.id] ?? '') === v) return;
    props.onSave({ ...item.cells, [column.id]: v === '' ? null : v });
  };
  if (column.type === 'person' || column.type === 'rating') {
    const options =
      column.type === 'person' ? people.map((p) => ({ id: p.oid, label: p.name })) : (column.options ?? []);
    return (
      <Select
        aria-label={label}
        value={value}
        disabled={!editable}
        onChange={(_, d) => (setValue(d.value), commit(d.value))}
      >
        <option value="">{t('choose')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Input
      aria-label={label}
      type={column.type === 'date' ? 'date' : 'text'}
      value={value}
      readOnly={!editable}
      onChange={(_, d) => setValue(d.value)}
      onBlur={() => commit(value)}
    />
  );
}

function FollowUp({ api, item, mine, onDone }: { api: Api; item: Item; mine: boolean; onDone: () => void }) {
  const { t } = useI18n();
  if (!mine) return <Badge appearance="outline">{t(`follow.${item.status}` as MessageKey)}</Badge>;
  return (
    <Select
      aria-label={t('itemStatus')}
      value={item.status}
      onChange={(_, d) =>
        void api
          .send('POST', `/api/items/${item.id}/follow-up`, { status: d.value, baseVersion: item.version })
          .then(onDone, onDone)
      }
    >
      {(['open', 'achieved', 'partly', 'not_yet'] as const).map((s) => (
        <option key={s} value={s}>
          {t(`follow.${s}`)}
        </option>
      ))}
    </Select>
  );
}

export function PreviousItems({
  field,
  previous,
}: {
  field: Field;
  previous: { period: string; items: Item[] } | undefined;
}) {
  const { t } = useI18n();
  if (!previous || previous.items.length === 0) return <Text>{t('previousNone')}</Text>;
  return (
    <div>
      <Text weight="semibold">
        {field.label} – {t('previousItems', { period: previous.period })}
      </Text>
      <ul>
        {previous.items.map((i) => (
          <li key={i.id}>
            {Object.values(i.cells).filter(Boolean)[0] ?? ''}{' '}
            <Badge appearance="tint">{t(`follow.${i.status}` as MessageKey)}</Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}
