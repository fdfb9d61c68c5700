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
import type { ActionItemView, PersonRef, PlanItemView } from '../../../src/contract/views.ts';
import { FOLLOW_UP_STATUSES } from '../../../src/domain/answers.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
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
  items: PlanItemView[];
  editable: boolean;
  people: PersonRef[];
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
        setError(errorText(e));
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
                      onSave={(cells) => {
                        void run(
                          api.call('updateActionItem', {
                            params: { id: item.id },
                            body: { cells, baseVersion: item.version },
                          }),
                        );
                      }}
                    />
                  </TableCell>
                ))}
                {props.locked && (
                  <TableCell>
                    <FollowUp api={api} item={item} onDone={props.onChange} />
                  </TableCell>
                )}
                {editable && (
                  <TableCell>
                    <Button
                      size="small"
                      onClick={() =>
                        void run(
                          api.call('removeActionItem', {
                            params: { id: item.id },
                            query: { version: item.version },
                          }),
                        )
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
              api.call('addActionItem', {
                params: { id: conversationId },
                body: { fieldId: field.id, cells: {} },
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
  item: ActionItemView;
  row: number;
  editable: boolean;
  people: PersonRef[];
  onSave: (cells: Record<string, string | null>) => void;
}) {
  const { column, item, row, editable, people } = props;
  const { t, rating } = useI18n();
  const [value, setValue] = useState(item.cells[column.id] ?? '');
  const label = `${column.label}, ${t('row', { n: row })}`;
  const commit = (v: string) => {
    if ((item.cells[column.id] ?? '') === v) return;
    props.onSave({ ...item.cells, [column.id]: v === '' ? null : v });
  };
  if (column.type === 'person' || column.type === 'rating') {
    const options =
      column.type === 'person'
        ? people.map((p) => ({ id: p.oid, label: p.name }))
        : (column.options ?? []).map((o) => ({ id: o.id, label: rating(o) }));
    return (
      <Select
        aria-label={label}
        value={value}
        disabled={!editable}
        onChange={(_, d) => {
          setValue(d.value);
          commit(d.value);
        }}
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

/** The item's follow-up status: a choice for its owner (the server says who that is), a badge for others. */
function FollowUp({ api, item, onDone }: { api: Api; item: PlanItemView; onDone: () => void }) {
  const { t, words } = useI18n();
  if (!item.canFollowUp) return <Badge appearance="outline">{words.followUp[item.status]}</Badge>;
  return (
    <Select
      aria-label={t('itemStatus')}
      value={item.status}
      onChange={(_, d) => {
        const status = FOLLOW_UP_STATUSES.find((s) => s === d.value);
        if (!status) return;
        void api
          .call('recordFollowUp', { params: { id: item.id }, body: { status, baseVersion: item.version } })
          .then(onDone, onDone);
      }}
    >
      {FOLLOW_UP_STATUSES.map((s) => (
        <option key={s} value={s}>
          {words.followUp[s]}
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
  previous: { period: string; items: ActionItemView[] } | undefined;
}) {
  const { t, words, period } = useI18n();
  if (!previous || previous.items.length === 0) return <Text>{t('previousNone')}</Text>;
  return (
    <div>
      <Text weight="semibold">
        {field.label} – {t('previousItems', { period: period(previous.period) })}
      </Text>
      <ul>
        {previous.items.map((i) => (
          <li key={i.id}>
            {Object.values(i.cells).filter(Boolean)[0] ?? ''}{' '}
            <Badge appearance="tint">{words.followUp[i.status]}</Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}
