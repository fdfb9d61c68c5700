// The plan's goals: a table on wide screens, one card per goal below 900 px (as the conversation's
// plan rows). Each field saves as it is typed while the plan's goals may be written; what becomes of
// a goal next year is chosen in the year report; each goal's follow-up sits under it.
import {
  Badge,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { Api } from '../api.ts';
import { ConfirmButton } from '../form/Confirm.tsx';
import { useI18n } from '../i18n.ts';
import { useWide } from '../useWide.ts';
import { goalsOpen } from './Contributions.tsx';
import {
  ChoiceEditor,
  DueEditor,
  NumberEditor,
  Range,
  TextEditor,
  lacksWords,
  outcomeOptions,
  ownerOptions,
  servesOptions,
  servesWords,
  useFieldStyles,
  type GoalFieldProps,
} from './GoalFields.tsx';
import { GoalFollowUp, hasFollowUp } from './GoalFollowUp.tsx';
import { useGoalSync } from './goal-sync.ts';
import type { GoalView, PlanView } from './types.ts';
import { RouterLink } from '../pages/common.tsx';

/** Below this width the goals are cards instead of a table. */
export const GOAL_TABLE_MIN_PX = 900;

const useStyles = makeStyles({
  // The table keeps room for its text columns; between 900 px and this it scrolls within its region.
  table: { tableLayout: 'fixed', width: '100%', minWidth: '66rem' },
  number: { width: '2rem' },
  owner: { width: '9rem' },
  due: { width: '9rem' },
  serves: { width: '11rem' },
  outcome: { width: '9rem' },
  remove: { width: '5rem' },
  head: { verticalAlign: 'bottom', overflowWrap: 'normal', wordBreak: 'normal', hyphens: 'auto' },
  cell: {
    verticalAlign: 'top',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    overflowWrap: 'break-word',
  },
  followUp: {
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalL,
    paddingLeft: '2.5rem',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  cards: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalM },
  card: { display: 'grid', gap: tokens.spacingVerticalM, minWidth: 0 },
  cardHead: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  facts: { display: 'grid', gap: tokens.spacingVerticalS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'break-word' },
  carried: { marginTop: tokens.spacingVerticalXS },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'start' },
});

interface Props {
  api: Api;
  plan: PlanView;
  /** A field was saved: the plan is read again (editors keep what is typed). */
  onSaved: () => void;
  /** Something was added, removed or sent: the plan is read again now. */
  onChange: () => void;
  onError: (message: string) => void;
}

/** What the page shows of each goal, from the plan's stage and what the caller may do. */
function modeOf(plan: PlanView) {
  const editable = plan.can.editGoals;
  const outcomes = plan.can.markOutcomes;
  return {
    editable,
    outcomes,
    showOutcome: outcomes || plan.goals.some((g) => g.outcome !== null),
  };
}

export function GoalsView(props: Props) {
  const wide = useWide(GOAL_TABLE_MIN_PX);
  const { p } = useI18n();
  if (props.plan.goals.length === 0) return <Text block>{p('goalsEmpty')}</Text>;
  return wide ? <GoalTable {...props} /> : <GoalCards {...props} />;
}

function GoalTable(props: Props) {
  const styles = useStyles();
  const { p } = useI18n();
  const mode = modeOf(props.plan);
  const columns = 7 + (mode.showOutcome ? 1 : 0) + (mode.editable ? 1 : 0);
  const head = (label: string, width?: string) => (
    <TableHeaderCell className={mergeClasses(styles.head, width)}>{label}</TableHeaderCell>
  );
  return (
    <div role="region" aria-label={p('goalsTitle')} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={p('goalsTitle')} className={styles.table}>
        <TableHeader>
          <TableRow>
            {head(p('colNumber'), styles.number)}
            {head(p('colGoal'))}
            {head(p('colIndicator'))}
            {head(p('colActions'))}
            {head(p('colOwner'), styles.owner)}
            {head(p('colDue'), styles.due)}
            {head(p('colServes'), styles.serves)}
            {mode.showOutcome && head(p('colOutcome'), styles.outcome)}
            {mode.editable && head(p('colRemove'), styles.remove)}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.plan.goals.map((goal, i) => (
            <GoalRow key={goal.id} {...props} goal={goal} n={i + 1} columns={columns} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function GoalRow(props: Props & { goal: GoalView; n: number; columns: number }) {
  const { plan, goal, n } = props;
  const styles = useStyles();
  const i18n = useI18n();
  const { p } = i18n;
  const mode = modeOf(plan);
  const sync = useGoalSync(props.api, plan.id, goal);
  const field: GoalFieldProps = { plan, goal, n, sync, layout: 'table', onSaved: props.onSaved };
  return (
    <>
      <TableRow data-goal={n}>
        <TableCell className={styles.cell}>{n}</TableCell>
        <TableCell className={styles.cell}>
          {mode.editable ? (
            <TextEditor {...field} name="goal" column={p('colGoal')} />
          ) : (
            <Words value={goal.goal} />
          )}
          <Carried plan={plan} goal={goal} />
          <Lacks goal={goal} />
        </TableCell>
        <TableCell className={styles.cell}>
          <Indicator {...field} editable={mode.editable} />
        </TableCell>
        <TableCell className={styles.cell}>
          {mode.editable ? (
            <TextEditor {...field} name="actions" column={p('colActions')} />
          ) : (
            <Words value={goal.actions} />
          )}
        </TableCell>
        <TableCell className={styles.cell}>
          <Owner {...field} editable={mode.editable} />
        </TableCell>
        <TableCell className={styles.cell}>
          {mode.editable ? <DueEditor {...field} /> : <Words value={goal.due ? i18n.date(goal.due) : null} />}
        </TableCell>
        <TableCell className={styles.cell}>
          <Serves {...field} editable={mode.editable} />
        </TableCell>
        {mode.showOutcome && (
          <TableCell className={styles.cell}>
            <Outcome {...field} editable={mode.outcomes} />
          </TableCell>
        )}
        {mode.editable && (
          <TableCell className={styles.cell}>
            <Remove {...props} sync={sync} />
          </TableCell>
        )}
      </TableRow>
      {hasFollowUp(plan, goal) && (
        <TableRow data-goal-follow-up={n}>
          <TableCell colSpan={props.columns} className={styles.followUp}>
            <GoalFollowUp
              api={props.api}
              plan={plan}
              goal={goal}
              n={n}
              level={3}
              heading={p(goalsOpen(plan) ? 'commentsOf' : 'followUpOf', { n })}
              onChange={props.onChange}
            />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

function GoalCards(props: Props) {
  const styles = useStyles();
  const { p } = useI18n();
  return (
    <ul className={styles.cards} aria-label={p('goalsTitle')}>
      {props.plan.goals.map((goal, i) => (
        <li key={goal.id}>
          <GoalCard {...props} goal={goal} n={i + 1} />
        </li>
      ))}
    </ul>
  );
}

function GoalCard(props: Props & { goal: GoalView; n: number }) {
  const { plan, goal, n } = props;
  const styles = useStyles();
  const i18n = useI18n();
  const { p } = i18n;
  const mode = modeOf(plan);
  const sync = useGoalSync(props.api, plan.id, goal);
  const field: GoalFieldProps = { plan, goal, n, sync, layout: 'card', onSaved: props.onSaved };
  const fact = (term: string, value: React.ReactNode) => (
    <div>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{value}</dd>
    </div>
  );
  return (
    <Card className={styles.card} data-goal={n}>
      <div className={styles.cardHead}>
        <Text as="h3" weight="semibold" size={400}>
          {p('goalN', { n })}
        </Text>
        <Carried plan={plan} goal={goal} />
      </div>
      {mode.editable ? (
        <>
          <TextEditor {...field} name="goal" column={p('colGoal')} />
          <Indicator {...field} editable />
          <TextEditor {...field} name="actions" column={p('colActions')} />
          <Owner {...field} editable />
          <DueEditor {...field} />
          <Serves {...field} editable />
        </>
      ) : (
        <dl className={styles.facts}>
          {fact(p('colGoal'), goal.goal)}
          {fact(p('colIndicator'), <Indicator {...field} editable={false} />)}
          {fact(p('colActions'), goal.actions ?? i18n.t('nobody'))}
          {fact(p('colOwner'), goal.owner?.name ?? i18n.t('nobody'))}
          {fact(p('colDue'), goal.due ? i18n.date(goal.due) : i18n.t('nobody'))}
          {fact(p('colServes'), <Serves {...field} editable={false} />)}
          {mode.showOutcome &&
            !mode.outcomes &&
            fact(p('colOutcome'), <Outcome {...field} editable={false} />)}
        </dl>
      )}
      <Lacks goal={goal} />
      {mode.outcomes && <Outcome {...field} editable />}
      {mode.editable && (
        <div>
          <Remove {...props} sync={sync} />
        </div>
      )}
      {hasFollowUp(plan, goal) && (
        <GoalFollowUp
          api={props.api}
          plan={plan}
          goal={goal}
          n={n}
          level={4}
          heading={p(goalsOpen(plan) ? 'commentsTitle' : 'followUpTitle')}
          onChange={props.onChange}
        />
      )}
    </Card>
  );
}

/** Text nobody may change, as it reads (a dash where there is none). */
function Words({ value }: { value: string | null }) {
  const styles = useFieldStyles();
  const { t } = useI18n();
  return (
    <Text block className={styles.readOnly}>
      {value ?? t('nobody')}
    </Text>
  );
}

function Carried({ plan, goal }: { plan: PlanView; goal: GoalView }) {
  const styles = useStyles();
  const { p } = useI18n();
  return (
    <>
      {goal.carriedFrom && (
        <Badge
          appearance="tint"
          color="informative"
          shape="rounded"
          className={mergeClasses(styles.carried, styles.badge)}
        >
          {p('carried', { year: plan.year - 1 })}
        </Badge>
      )}
      {/* Made from a Kommunekompass finding: a way back to the round and its area. */}
      {goal.fromKompass && (
        <Text block size={200} className={styles.carried}>
          <RouterLink href={`/kompass/${goal.fromKompass.roundId}`}>
            {p('fromKompass', { area: goal.fromKompass.area, title: goal.fromKompass.title })}
          </RouterLink>
        </Text>
      )}
    </>
  );
}

function Indicator(props: GoalFieldProps & { editable: boolean }) {
  const styles = useFieldStyles();
  const { p } = useI18n();
  if (!props.editable)
    return (
      <>
        <Words value={props.goal.indicator} />
        <Range goal={props.goal} />
      </>
    );
  return (
    <>
      <TextEditor {...props} name="indicator" column={p('colIndicator')} />
      <div className={styles.numbers}>
        <NumberEditor {...props} name="baseline" />
        <NumberEditor {...props} name="target" />
      </div>
    </>
  );
}

function Owner(props: GoalFieldProps & { editable: boolean }) {
  const { p, t } = useI18n();
  if (!props.editable) return <Words value={props.goal.owner?.name ?? null} />;
  return (
    <ChoiceEditor
      {...props}
      name="ownerOid"
      column={p('colOwner')}
      none={t('choose')}
      options={ownerOptions(props.plan, props.goal)}
    />
  );
}

function Serves(props: GoalFieldProps & { editable: boolean }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { plan, goal } = props;
  if (!props.editable) return <Words value={goal.serves ? servesWords(goal.serves, i18n) : null} />;
  // Nothing above to serve: said where the choice would be (with its label on a card).
  if (plan.parentGoals.length === 0 && !goal.serves)
    return props.layout === 'card' ? (
      <div>
        <Text block className={styles.term}>
          {i18n.p('colServes')}
        </Text>
        <Words value={i18n.p('noParentGoals', { year: plan.year })} />
      </div>
    ) : (
      <Words value={i18n.p('noParentGoals', { year: plan.year })} />
    );
  return (
    <ChoiceEditor
      {...props}
      name="servesGoalId"
      column={i18n.p('colServes')}
      none={i18n.p('servesNone')}
      options={servesOptions(plan, goal, i18n)}
      showChosen
    />
  );
}

function Outcome(props: GoalFieldProps & { editable: boolean }) {
  const i18n = useI18n();
  if (!props.editable)
    return <Words value={props.goal.outcome ? i18n.words.goalOutcome[props.goal.outcome] : null} />;
  return (
    <ChoiceEditor
      {...props}
      name="outcome"
      column={i18n.p('colOutcome')}
      none={i18n.p('outcomeNone')}
      options={outcomeOptions(i18n)}
    />
  );
}

/** What the goal lacks before the plan can be adopted, in words; nothing where it lacks nothing. */
function Lacks({ goal }: { goal: GoalView }) {
  const styles = useFieldStyles();
  const i18n = useI18n();
  if (goal.problems.length === 0) return null;
  return (
    <Text block className={styles.lacks}>
      {lacksWords(goal, i18n)}
    </Text>
  );
}

function Remove(props: Props & { goal: GoalView; n: number; sync: ReturnType<typeof useGoalSync> }) {
  const { p } = useI18n();
  return (
    <ConfirmButton
      size="small"
      label={p('remove')}
      ariaLabel={p('removeGoal', { n: props.n })}
      title={p('removeTitle', { n: props.n })}
      confirm={p('removeConfirm')}
      onConfirm={() =>
        props.api
          .call('removePlanGoal', { params: { id: props.goal.id }, query: { version: props.sync.version() } })
          .catch((e: unknown) => props.onError(e instanceof Error ? e.message : String(e)))
      }
      afterClose={props.onChange}
    >
      {p('removeLead', { goal: props.goal.goal })}
    </ConfirmButton>
  );
}
