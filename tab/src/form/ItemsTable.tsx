import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  Label,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { PersonRef, PlanItemView } from '../../../src/contract/views.ts';
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../../../src/domain/answers.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { Column, Field as TemplateField } from '../template.ts';
import { useWide } from '../useWide.ts';
import { ConfirmButton } from './Confirm.tsx';
import { ConflictView, SaveStatus } from './SaveStatus.tsx';
import { NoServablePlan, ServesPicker, useServesWords, type ServableGoals } from './ServesPicker.tsx';
import { useSaver } from './useSaver.ts';

/** Below this width the plan is one card per row instead of a table. */
export const PLAN_TABLE_MIN_PX = 900;

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%' },
  number: { width: '2.5rem' },
  // Choices and dates get the width their controls need; text columns share the rest. Read, they are
  // short text that may wrap, and leave the text columns more.
  date: { width: '9.5rem' },
  choice: { width: '10rem' },
  readColumn: { width: '7rem', '@media (min-width: 1280px)': { width: '10rem' } },
  removeColumn: { width: '6.5rem' },
  // Headings start on one line, each hint under its label, so the labels read across as a row.
  head: {
    verticalAlign: 'top',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    overflowWrap: 'normal',
    wordBreak: 'normal',
    hyphens: 'auto',
  },
  // Fluent's heading is a centred flex box with `line-height: normal`: lines wrapped in it sit tight.
  headBox: { alignItems: 'flex-start' },
  label: { display: 'block', lineHeight: tokens.lineHeightBase300 },
  hint: {
    display: 'block',
    marginTop: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightRegular,
  },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  control: { width: '100%', minWidth: 0 },
  // A cell nobody may change reads as text that wraps, as it will be archived.
  readOnly: { whiteSpace: 'pre-wrap', overflowWrap: 'break-word' },
  pair: { display: 'grid', gap: tokens.spacingVerticalXXS },
  cards: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalM },
  card: { display: 'grid', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  error: { color: tokens.colorPaletteRedForeground1 },
  add: { marginTop: tokens.spacingVerticalS },
  // A row with its "Bidrar til" beneath: the two read as one, the line drawn under the second.
  joined: { borderBottomColor: 'transparent' },
  servesCell: { paddingTop: 0, paddingBottom: tokens.spacingVerticalS },
  noPlan: { marginTop: tokens.spacingVerticalXS },
  // The follow-up under its row: status, comment and the button side by side where there is room,
  // wrapping under one another where not; never wider than the row. Each label beside its control, as
  // "Bidrar til" above it has.
  followRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
  },
  followPart: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  followStatus: { flex: '0 1 auto' },
  followStatusSelect: { width: '10rem' },
  followComment: { flex: '1 1 22rem', maxWidth: '44rem' },
  followCommentBox: { flex: '1 1 auto', minWidth: 0 },
  // The labels' and the button's line level with the text in the controls beside them (32px high).
  followLabel: { flex: '0 0 auto', paddingTop: '6px' },
  followButton: { paddingTop: '4px' },
  // Its value read by anyone but the row's owner: the label, the status and the comment on one line.
  followRead: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  followReadComment: { flex: '1 1 16rem', minWidth: 0, overflowWrap: 'break-word', whiteSpace: 'pre-wrap' },
});

interface Props {
  api: Api;
  conversationId: string;
  field: TemplateField;
  items: PlanItemView[];
  editable: boolean;
  people: PersonRef[];
  locked: boolean;
  onChange: () => void;
  /** What the rows may serve ("Bidrar til"): the parties only, once read; null for anyone else. */
  servable?: ServableGoals | null;
}

/**
 * Action-plan rows and development goals. Every cell saves as it is typed, on its own version, so
 * quick edits across cells (or two people in different cells) never conflict. A table on wide
 * screens, one card per row on narrow ones.
 */
export function ItemsTable(props: Props) {
  const { api, conversationId, field, editable } = props;
  const styles = useStyles();
  const { t } = useI18n();
  const wide = useWide(PLAN_TABLE_MIN_PX);
  const [error, setError] = useState<string | null>(null);
  /** Runs a change and reads the conversation again (unless the caller does, later). */
  const run = (p: Promise<unknown>, reload = true) =>
    p.then(
      () => {
        setError(null);
        if (reload) props.onChange();
      },
      (e: unknown) => {
        setError(errorText(e));
        if (reload) props.onChange();
      },
    );
  const s = useServesWords();
  const servable = props.servable;
  // "Bidrar til" under each row, for the parties, where that year has a plan to serve.
  const serves =
    servable && servable.goals.length > 0
      ? (item: PlanItemView, row: number) => {
          const title = titleOf(item, columnsOf(field));
          return (
            <ServesPicker
              goals={servable.goals}
              value={item.servesGoalId}
              name={title ? s('rowName', { n: row, title }) : s('rowNameUntitled', { n: row })}
              write={async (goalId) =>
                (await api.call('linkActionItem', { params: { id: item.id }, body: { goalId } })).servesGoalId
              }
              onSaved={props.onChange}
            />
          );
        }
      : undefined;
  const rows =
    props.items.length === 0 ? (
      <Text block>{t('noRows')}</Text>
    ) : wide ? (
      <PlanTable {...props} run={run} serves={serves} />
    ) : (
      <PlanCards {...props} run={run} serves={serves} />
    );
  return (
    <div>
      {rows}
      {servable && servable.goals.length === 0 && props.items.length > 0 && (
        <div className={styles.noPlan}>
          <NoServablePlan year={servable.year} />
        </div>
      )}
      {editable && (
        <Button
          className={styles.add}
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
        <Text role="alert" className={styles.error} block>
          {t('saveFailed', { message: error })}
        </Text>
      )}
    </div>
  );
}

type RowProps = Props & { run: (p: Promise<unknown>, reload?: boolean) => Promise<void> };
type TableProps = RowProps & { serves: ((item: PlanItemView, row: number) => React.ReactNode) | undefined };
const columnsOf = (field: TemplateField): Column[] =>
  field.kind === 'goalList' || field.kind === 'actionPlan' ? field.columns : [];
/** What a row is called for screen readers: its first text written ("Bli tryggere i veiledning …"). */
const titleOf = (item: PlanItemView, columns: Column[]) =>
  columns
    .filter((c) => c.type === 'text')
    .map((c) => (item.cells[c.id] ?? '').trim())
    .find((v) => v !== '') ?? '';
const headOf = (c: Column) => (c.group ? `${c.group}: ${c.label}` : c.label);

function PlanTable(props: TableProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const columns = columnsOf(props.field);
  const headBox = { className: styles.headBox };
  // Under each row, each on a row of its own spanning the columns: its "Bidrar til", then (once signed)
  // its follow-up. A column would leave the goals, or the row's own text, no room.
  const under = (item: PlanItemView, row: number) => [
    ...(props.serves ? [{ key: 'serves', content: props.serves(item, row) }] : []),
    ...(props.locked
      ? [
          {
            key: 'follow-up',
            content: <FollowUp api={props.api} item={item} row={row} onDone={props.onChange} />,
          },
        ]
      : []),
  ];
  return (
    <div role="region" aria-label={props.field.label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={props.field.label} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={mergeClasses(styles.head, styles.number)} button={headBox}>
              <span className={styles.label}>{t('rowNumber')}</span>
            </TableHeaderCell>
            {columns.map((c) => (
              <TableHeaderCell
                key={c.id}
                className={mergeClasses(
                  styles.head,
                  c.type !== 'text' && !props.editable && styles.readColumn,
                  c.type === 'date' && props.editable && styles.date,
                  (c.type === 'person' || c.type === 'rating') && props.editable && styles.choice,
                )}
                button={headBox}
              >
                <span>
                  <span className={styles.label}>{headOf(c)}</span>
                  {c.hint && <span className={styles.hint}>{c.hint}</span>}
                </span>
              </TableHeaderCell>
            ))}
            {props.editable && (
              <TableHeaderCell className={mergeClasses(styles.head, styles.removeColumn)} button={headBox}>
                <span className={styles.label}>{t('rowActions')}</span>
              </TableHeaderCell>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.items.flatMap((item, i) => {
            const beneath = under(item, i + 1);
            return [
              <TableRow key={item.id} className={beneath.length > 0 ? styles.joined : undefined}>
                <TableCell className={styles.cell}>{i + 1}</TableCell>
                {columns.map((c) => (
                  <TableCell key={c.id} className={styles.cell}>
                    <CellEditor {...props} column={c} item={item} row={i + 1} />
                  </TableCell>
                ))}
                {props.editable && (
                  <TableCell className={styles.cell}>
                    <RemoveRow {...props} item={item} row={i + 1} />
                  </TableCell>
                )}
              </TableRow>,
              // The row and what is under it read as one: the line is drawn under the last.
              ...beneath.map((b, j) => (
                <TableRow
                  key={`${item.id}-${b.key}`}
                  className={j < beneath.length - 1 ? styles.joined : undefined}
                  {...{ [`data-${b.key}-row`]: item.id }}
                >
                  <TableCell className={styles.servesCell} />
                  <TableCell
                    className={styles.servesCell}
                    colSpan={columns.length + (props.editable ? 1 : 0)}
                  >
                    {b.content}
                  </TableCell>
                </TableRow>
              )),
            ];
          })}
        </TableBody>
      </Table>
    </div>
  );
}

function PlanCards(props: TableProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const columns = columnsOf(props.field);
  return (
    <ul className={styles.cards} aria-label={props.field.label}>
      {props.items.map((item, i) => (
        <li key={item.id}>
          <Card className={styles.card}>
            <Text weight="semibold" as="h4">
              {t('row', { n: i + 1 })}
            </Text>
            {columns.map((c) =>
              props.editable ? (
                <Field key={c.id} label={headOf(c)} hint={c.hint}>
                  <CellEditor {...props} column={c} item={item} row={i + 1} />
                </Field>
              ) : (
                <div key={c.id} className={styles.pair}>
                  <Text weight="semibold">{headOf(c)}</Text>
                  <CellEditor {...props} column={c} item={item} row={i + 1} />
                </div>
              ),
            )}
            {props.serves?.(item, i + 1)}
            {props.locked && (
              <FollowUp api={props.api} item={item} row={i + 1} onDone={props.onChange} stacked />
            )}
            {props.editable && <RemoveRow {...props} item={item} row={i + 1} />}
          </Card>
        </li>
      ))}
    </ul>
  );
}

function RemoveRow(props: RowProps & { item: PlanItemView; row: number }) {
  const { t } = useI18n();
  return (
    <ConfirmButton
      size="small"
      label={t('removeRow', { n: props.row })}
      title={t('removeRowTitle', { n: props.row })}
      confirm={t('removeRowConfirm')}
      onConfirm={() =>
        props.run(
          props.api.call('removeActionItem', {
            params: { id: props.item.id },
            query: { version: props.item.version },
          }),
          false,
        )
      }
      // The row, and this button, go once the conversation is read again: only after the dialog has
      // closed, or Fluent leaves the page hidden from screen readers.
      afterClose={props.onChange}
    >
      {t('removeRowLead')}
    </ConfirmButton>
  );
}

/** One cell, saved on its own version as it is typed. */
function CellEditor(props: RowProps & { column: Column; item: PlanItemView; row: number }) {
  const { api, column, item, row, editable, people } = props;
  const styles = useStyles();
  const { t, rating, date } = useI18n();
  const save = useSaver<string>({
    value: item.cells[column.id] ?? '',
    version: item.cellMeta[column.id]?.version ?? 0,
    write: async (value, baseVersion, { keepalive }) => {
      const updated = await api.call('updateActionItem', {
        params: { id: item.id },
        body: {
          cells: { [column.id]: value === '' ? null : value },
          cellVersions: { [column.id]: baseVersion },
        },
        keepalive,
      });
      return updated.cellMeta[column.id]?.version ?? baseVersion;
    },
    onSaved: props.onChange,
  });
  // In the table the column header names the cell; screen readers also hear which row.
  const label = { 'aria-label': `${headOf(column)}, ${t('row', { n: row })}` };
  const name = (oid: string | null) => (oid ? (people.find((p) => p.oid === oid)?.name ?? '') : '');
  if (!editable && !save.conflict) {
    const value = save.draft;
    const option = (column.options ?? []).find((o) => o.id === value);
    const words =
      value === ''
        ? t('nobody')
        : column.type === 'person'
          ? name(value) || t('someoneElse')
          : column.type === 'rating'
            ? option
              ? rating(option)
              : t('nobody')
            : column.type === 'date'
              ? date(value)
              : value;
    return (
      <Text block className={styles.readOnly} data-cell={`${item.id}:${column.id}`}>
        {words}
      </Text>
    );
  }
  let control: React.ReactNode;
  if (column.type === 'person' || column.type === 'rating') {
    const options =
      column.type === 'person'
        ? people.map((p) => ({ id: p.oid, label: p.name }))
        : (column.options ?? []).map((o) => ({ id: o.id, label: rating(o) }));
    control = (
      <Select
        {...label}
        className={styles.control}
        value={save.draft}
        disabled={!editable}
        onChange={(_, d) => save.setDraft(d.value, 0)}
      >
        <option value="">{t('choose')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </Select>
    );
  } else if (column.type === 'date') {
    control = (
      <Input
        {...label}
        className={styles.control}
        type="date"
        value={save.draft}
        readOnly={!editable}
        onChange={(_, d) => save.setDraft(d.value, 0)}
      />
    );
  } else {
    control = (
      <Textarea
        {...label}
        className={styles.control}
        resize="vertical"
        // Tall enough to show what is written (a cell holds a sentence or two).
        rows={Math.min(8, Math.max(2, Math.ceil(save.draft.length / 16)))}
        value={save.draft}
        readOnly={!editable}
        onChange={(_, d) => save.setDraft(d.value)}
        onBlur={() => void save.flush()}
      />
    );
  }
  return (
    <div data-cell={`${item.id}:${column.id}`}>
      {control}
      {editable && <SaveStatus state={save.state} error={save.error} onRetry={save.retry} />}
      {save.conflict && (
        <ConflictView
          mine={save.draft}
          theirs={typeof save.conflict.value === 'string' ? save.conflict.value : ''}
          by={name(save.conflict.updatedBy)}
          canMerge={column.type === 'text'}
          onResolve={save.resolve}
        />
      )}
    </div>
  );
}

/**
 * The follow-up of a row in a signed record: its owner records status and a comment; others read them.
 * In the table it is a line under its row; `stacked`, in a card, one control under another.
 */
function FollowUp(props: {
  api: Api;
  item: PlanItemView;
  row: number;
  onDone: () => void;
  stacked?: boolean;
}) {
  const { api, item, onDone, stacked } = props;
  const styles = useStyles();
  const { t, words } = useI18n();
  const [status, setStatus] = useState<FollowUpStatus>(item.status);
  const [comment, setComment] = useState(item.statusComment ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId('follow-up');
  // Under its row no column heading names the controls' row: their names do, as the cells' do.
  const named = (label: string) => ({ 'aria-label': `${label}, ${t('row', { n: props.row })}` });
  if (!item.canFollowUp)
    return (
      <div className={styles.followRead} data-follow-up={item.id}>
        <Text weight="semibold">{t('itemStatus')}</Text>
        <Badge appearance="outline">{words.followUp[item.status]}</Badge>
        {item.statusComment && <Text className={styles.followReadComment}>{item.statusComment}</Text>}
      </div>
    );
  const save = () =>
    api
      .call('recordFollowUp', {
        params: { id: item.id },
        body: { status, comment: comment.trim() || null, baseVersion: item.version },
      })
      .then(
        () => {
          setError(null);
          onDone();
        },
        (e: unknown) => setError(errorText(e)),
      );
  const statusSelect = (id?: string) => (
    <Select
      id={id}
      {...named(t('itemStatus'))}
      className={stacked ? styles.control : styles.followStatusSelect}
      value={status}
      onChange={(_, d) => {
        const s = FOLLOW_UP_STATUSES.find((x) => x === d.value);
        if (s) setStatus(s);
      }}
    >
      {FOLLOW_UP_STATUSES.map((s) => (
        <option key={s} value={s}>
          {words.followUp[s]}
        </option>
      ))}
    </Select>
  );
  const commentBox = (id?: string) => (
    <Textarea
      id={id}
      {...named(t('followUpComment'))}
      className={stacked ? styles.control : styles.followCommentBox}
      value={comment}
      resize="vertical"
      onChange={(_, d) => setComment(d.value)}
    />
  );
  const saveButton = (
    <Button size="small" onClick={() => void save()}>
      {t('followUpSave')}
    </Button>
  );
  return (
    <div data-follow-up={item.id}>
      {stacked ? (
        <div className={styles.card}>
          <Field label={t('itemStatus')}>{statusSelect()}</Field>
          <Field label={t('followUpComment')}>{commentBox()}</Field>
          <div className={styles.actions}>{saveButton}</div>
        </div>
      ) : (
        <div className={styles.followRow}>
          <div className={mergeClasses(styles.followPart, styles.followStatus)}>
            <Label htmlFor={`${id}-status`} weight="semibold" className={styles.followLabel}>
              {t('itemStatus')}
            </Label>
            {statusSelect(`${id}-status`)}
          </div>
          <div className={mergeClasses(styles.followPart, styles.followComment)}>
            <Label htmlFor={`${id}-comment`} weight="semibold" className={styles.followLabel}>
              {t('followUpComment')}
            </Label>
            {commentBox(`${id}-comment`)}
          </div>
          <div className={styles.followButton}>{saveButton}</div>
        </div>
      )}
      {error && (
        <Text role="alert" className={styles.error} block>
          {t('saveFailed', { message: error })}
        </Text>
      )}
    </div>
  );
}
