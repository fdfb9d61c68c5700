// A text to send with a button (a new goal, a comment, a proposal): required, kept if sending fails,
// cleared once sent, with what happened said in a live region.
import { Button, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { errorText } from '../api.ts';
import { useI18n } from '../i18n.ts';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalS, maxWidth: '48rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export function TextSubmitForm(props: {
  id?: string;
  label: string;
  hint?: string;
  send: string;
  /** What is said when the text is empty. */
  required: string;
  /** Sends the text; resolves to what the status line says then. */
  onSend: (text: string) => Promise<string>;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (e: React.SyntheticEvent) => {
    e.preventDefault();
    if (text.trim() === '') {
      setProblem(props.required);
      return;
    }
    setProblem(null);
    setBusy(true);
    props
      .onSend(text.trim())
      .then(
        (said) => {
          setText('');
          setDone(said);
        },
        (err: unknown) => setProblem(t('saveFailed', { message: errorText(err) })),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form id={props.id} className={styles.form} onSubmit={submit} noValidate>
      <Field
        label={props.label}
        {...(props.hint ? { hint: props.hint } : {})}
        validationState={problem ? 'error' : 'none'}
        validationMessage={problem ?? undefined}
      >
        <Textarea
          resize="vertical"
          value={text}
          onChange={(_, d) => {
            setText(d.value);
            setDone('');
          }}
        />
      </Field>
      <div className={styles.row}>
        <Button type="submit" disabled={busy}>
          {props.send}
        </Button>
        <span role="status" aria-live="polite">
          {done}
        </span>
      </div>
    </form>
  );
}
