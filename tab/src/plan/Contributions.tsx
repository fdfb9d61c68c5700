// The staff's input while the plan is open for it (Trinn 4): comments on goals and proposed goals,
// and the leader's answers; a proposal may be taken into the plan as a goal.
import { Button, Card, Field, Text, Textarea, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { errorText, type Api } from '../api.ts';
import { ConfirmButton } from '../form/Confirm.tsx';
import { useI18n } from '../i18n.ts';
import type { ContributionView, PlanView } from './types.ts';
import { TextSubmitForm } from './TextSubmitForm.tsx';

const useStyles = makeStyles({
  section: { display: 'grid', gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalXXL },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  item: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    minWidth: 0,
  },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'break-word' },
  by: { color: tokens.colorNeutralForeground3 },
  answer: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    paddingLeft: tokens.spacingHorizontalM,
  },
  form: { display: 'grid', gap: tokens.spacingVerticalS, maxWidth: '48rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Goals are written, and input answered, while the plan is a draft or open for input. */
export const goalsOpen = (plan: PlanView) => plan.status === 'draft' || plan.status === 'input';

/** One comment or proposal, its answer, and (for the plan's writers) the answer form. */
export function ContributionItem(props: {
  api: Api;
  plan: PlanView;
  c: ContributionView;
  /** What it is about, above its text ("Forslag til nytt mål"); a comment under its goal needs none. */
  about?: string;
  onChange: () => void;
}) {
  const { plan, c } = props;
  const styles = useStyles();
  const { p, date } = useI18n();
  const taken = c.answer?.takenInto ? plan.goals.findIndex((g) => g.id === c.answer?.takenInto) : -1;
  return (
    <div className={styles.item} data-contribution={c.id}>
      {props.about && <Text weight="semibold">{props.about}</Text>}
      <Text block className={styles.text}>
        {c.text}
      </Text>
      <Text block size={200} className={styles.by}>
        {p('authorAt', { name: c.author.name, date: date(c.at) })}
      </Text>
      {c.answer ? (
        <div className={styles.answer}>
          <Text block weight="semibold" size={200}>
            {p('answered', { name: c.answer.by.name, date: date(c.answer.at) })}
          </Text>
          <Text block>{c.answer.text}</Text>
          {c.answer.takenInto && (
            <Text block>{taken >= 0 ? p('takenIn', { n: taken + 1 }) : p('takenInGone')}</Text>
          )}
        </div>
      ) : plan.can.editGoals ? (
        <AnswerForm {...props} />
      ) : (
        <Text block size={200} className={styles.by}>
          {p('unanswered')}
        </Text>
      )}
    </div>
  );
}

function AnswerForm(props: { api: Api; plan: PlanView; c: ContributionView; onChange: () => void }) {
  const { c } = props;
  const styles = useStyles();
  const { p, t } = useI18n();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Sends the answer; the plan is read again at once, or (taking in) once the dialog has closed. */
  const answer = (takeIn: boolean) => {
    if (!takeIn && text.trim() === '') {
      setProblem(p('textRequired'));
      return Promise.resolve();
    }
    setProblem(null);
    return props.api
      .call('answerContribution', {
        params: { id: c.id },
        body: { answer: text.trim() || p('takeInAnswer'), takeIn },
      })
      .then(
        () => {
          setError(null);
          if (!takeIn) props.onChange();
        },
        (e: unknown) => setError(errorText(e)),
      );
  };
  return (
    <div className={styles.form}>
      <Field
        label={p('answerLabel', { name: c.author.name })}
        validationState={problem ? 'error' : 'none'}
        validationMessage={problem ?? undefined}
      >
        <Textarea resize="vertical" value={text} onChange={(_, d) => setText(d.value)} />
      </Field>
      <div className={styles.row}>
        <Button onClick={() => void answer(false)} aria-label={p('answerTo', { name: c.author.name })}>
          {p('answerSend')}
        </Button>
        {c.kind === 'proposal' && (
          <ConfirmButton
            appearance="primary"
            label={p('takeIn')}
            title={p('takeInTitle')}
            confirm={p('takeIn')}
            onConfirm={() => answer(true)}
            afterClose={props.onChange}
          >
            {p('takeInLead', { text: c.text, name: c.author.name })}
          </ConfirmButton>
        )}
      </div>
      {error && (
        <Text role="alert" className={styles.error} block>
          {t('saveFailed', { message: error })}
        </Text>
      )}
    </div>
  );
}

/** A comment on a goal, or a proposed goal, sent by someone in the unit. */
export function ContributeForm(props: {
  api: Api;
  plan: PlanView;
  kind: 'comment' | 'proposal';
  goalId: string | null;
  label: string;
  send: string;
  /** The button that opens the form, where it is one of many on the page (a comment per goal). */
  toggle?: string;
  onChange: () => void;
}) {
  const { p } = useI18n();
  const formId = useId();
  const [open, setOpen] = useState(props.toggle === undefined);
  const toggle = props.toggle && (
    <div>
      <Button aria-expanded={open} aria-controls={open ? formId : undefined} onClick={() => setOpen(!open)}>
        {props.toggle}
      </Button>
    </div>
  );
  if (!open) return toggle;
  return (
    <>
      {toggle}
      <TextSubmitForm
        id={formId}
        label={props.label}
        send={props.send}
        required={p('textRequired')}
        onSend={(text) =>
          props.api
            .call('contributeToPlan', {
              params: { id: props.plan.id },
              body: { kind: props.kind, goalId: props.goalId, text },
            })
            .then(() => {
              props.onChange();
              return p('sent');
            })
        }
      />
    </>
  );
}

/** Proposed goals, comments on goals since taken out, and the form to propose one. */
export function ContributionsSection(props: { api: Api; plan: PlanView; onChange: () => void }) {
  const { plan } = props;
  const styles = useStyles();
  const { p } = useI18n();
  const live = new Set(plan.goals.map((g) => g.id));
  const here = plan.contributions.filter((c) => c.goalId === null || !live.has(c.goalId));
  if (plan.status !== 'input' && here.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="plan-input-title">
      <Title3 as="h2" id="plan-input-title" block>
        {p('inputTitle')}
      </Title3>
      <Text block>{p('inputLead')}</Text>
      {here.length === 0 ? (
        <Text block>{p('inputNone')}</Text>
      ) : (
        <ul className={styles.list}>
          {here.map((c) => (
            <li key={c.id}>
              <Card>
                <ContributionItem
                  api={props.api}
                  plan={plan}
                  c={c}
                  about={c.kind === 'proposal' ? p('proposal') : p('commentAboutGone')}
                  onChange={props.onChange}
                />
              </Card>
            </li>
          ))}
        </ul>
      )}
      {plan.can.contribute && (
        <ContributeForm
          api={props.api}
          plan={plan}
          kind="proposal"
          goalId={null}
          label={p('proposeLabel')}
          send={p('proposeSend')}
          onChange={props.onChange}
        />
      )}
    </section>
  );
}
