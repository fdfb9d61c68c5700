// Innsyn (GDPR art. 15) in the tab: the button that has the server make a person's ZIP and saves it
// (progress while it is made, the file's name when done, what went wrong in words), and HR's search
// for the person who asked.
import {
  Button,
  Field,
  Input,
  ProgressBar,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { PeopleFound } from '../../../src/contract/views.ts';
import { fill } from '../../../src/contract/words/format.ts';
import { ApiError, errorText, saveFile, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ErrorNotice } from './common.tsx';

const useStyles = makeStyles({
  export: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    maxWidth: '40rem',
    margin: `${tokens.spacingVerticalM} 0`,
  },
  button: { justifySelf: 'start', maxWidth: '100%', whiteSpace: 'normal', textAlign: 'start' },
  search: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'end',
    gap: tokens.spacingHorizontalS,
    maxWidth: '40rem',
  },
  input: { flex: '1 1 14rem', minWidth: 0 },
  people: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalM },
  person: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

type State =
  | { step: 'idle' }
  | { step: 'building' }
  | { step: 'done'; file: string }
  | { step: 'failed'; message: string };

/**
 * One export: the server gathers the data (it may take seconds, shown as progress and said to screen
 * readers), then the browser saves the ZIP under the name the server gave it.
 */
export function ExportButton(props: {
  label: string;
  building: string;
  start: () => Promise<{ blob: Blob; filename: string | null }>;
}) {
  const styles = useStyles();
  const { words } = useI18n();
  const w = words.tab.myData;
  const [state, setState] = useState<State>({ step: 'idle' });
  const run = () => {
    setState({ step: 'building' });
    props.start().then(
      ({ blob, filename }) => {
        const file = filename ?? `${w.nav}.zip`;
        saveFile(blob, file);
        setState({ step: 'done', file });
      },
      (e: unknown) =>
        setState({
          step: 'failed',
          // The server says what was wrong in words; a lost connection gets ours.
          message: e instanceof ApiError && e.code !== 'NETWORK' ? errorText(e) : w.failed,
        }),
    );
  };
  const building = state.step === 'building';
  return (
    <div className={styles.export}>
      <Button appearance="primary" className={styles.button} onClick={run} disabledFocusable={building}>
        {props.label}
      </Button>
      {building && (
        <Field validationMessage={props.building} validationState="none">
          <ProgressBar thickness="large" aria-label={props.building} />
        </Field>
      )}
      {/* Said once it is done; the progress above says itself while it lasts. */}
      <Text role="status">{state.step === 'done' ? fill(w.done, { file: state.file }) : ''}</Text>
      {state.step === 'failed' && <ErrorNotice message={state.message} />}
    </div>
  );
}

/** HR's part of innsyn: find the person who asked, and download what they would get themselves. */
export function PersonExport({ api }: { api: Api }) {
  const styles = useStyles();
  const { words } = useI18n();
  const w = words.tab.myData;
  const [q, setQ] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [found, setFound] = useState<{ q: string; result: PeopleFound } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const search = () => {
    const text = q.trim();
    if (text.length < 2) {
      setHint(w.hrSearchShort);
      return;
    }
    setHint(null);
    setError(null);
    setSearching(true);
    api
      .call('findPeople', { query: { q: text } })
      .then(
        (result) => setFound({ q: text, result }),
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setSearching(false));
  };
  return (
    <section id="person-export" aria-labelledby="person-export-title">
      <Title3 block as="h2" id="person-export-title">
        {w.hrTitle}
      </Title3>
      <Text as="p" block>
        {w.hrLead}
      </Text>
      <form
        className={styles.search}
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <Field
          label={w.hrSearch}
          className={styles.input}
          validationMessage={hint ?? undefined}
          validationState={hint ? 'error' : 'none'}
        >
          <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} />
        </Field>
        <Button type="submit" disabledFocusable={searching}>
          {w.hrSearchButton}
        </Button>
      </form>
      {error && <ErrorNotice message={error} />}
      <Text role="status" as="p" block>
        {found && found.result.people.length === 0 ? fill(w.hrNone, { q: found.q }) : ''}
      </Text>
      {found && found.result.people.length > 0 && (
        <ul className={styles.people} aria-label={w.hrResults}>
          {found.result.people.map((p) => (
            <li key={p.oid} className={styles.person}>
              <Text weight="semibold">{p.name}</Text>
              <Text className={styles.muted}>{p.unit ? `${p.upn} · ${p.unit}` : p.upn}</Text>
              <ExportButton
                label={fill(w.hrDownload, { name: p.name })}
                building={fill(w.hrBuilding, { name: p.name })}
                start={() => api.download('exportPersonData', { params: { oid: p.oid } })}
              />
            </li>
          ))}
        </ul>
      )}
      {found?.result.more && (
        <Text as="p" block className={styles.muted}>
          {w.hrMore}
        </Text>
      )}
    </section>
  );
}
