// A finished round's archived PDF/A report: a button to open it once the background job has archived
// it; until then the page says so and reads the round again every few seconds (for about a minute), so
// the button appears without a reload.
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { errorText, openKompassReport, type Api } from '../api.ts';
import { useKompassWords, type RoundView } from './words.ts';

/** How often, and how many times, an unarchived report is looked for again. */
const POLL_MS = 3000;
const POLL_TRIES = 20;

const useStyles = makeStyles({
  report: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function KompassReport({
  api,
  view,
  onView,
}: {
  api: Api;
  view: RoundView;
  onView: (view: RoundView) => void;
}) {
  const styles = useStyles();
  const { k, dateTime } = useKompassWords();
  const [late, setLate] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const waiting = view.status === 'done' && view.report === null;
  const id = view.id;

  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () => {
      timer = setTimeout(() => {
        tries += 1;
        api.call('getKompassRound', { params: { id } }).then(
          (next) => {
            if (stopped) return;
            // Only what changes the page replaces it: the charts are not redrawn every few seconds.
            if (next.report !== null || next.status !== 'done') onView(next);
            else if (tries < POLL_TRIES) look();
            else setLate(true);
          },
          () => {
            if (stopped) return;
            if (tries < POLL_TRIES) look();
            else setLate(true);
          },
        );
      }, POLL_MS);
    };
    setLate(false);
    look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting, api, id, onView]);

  if (view.status !== 'done') return null;
  return (
    <div className={styles.report}>
      {view.report && (
        <Button
          onClick={() => {
            openKompassReport(api, id).then(
              () => setFailed(null),
              (e: unknown) => setFailed(errorText(e)),
            );
          }}
        >
          {k('openReport')}
        </Button>
      )}
      {/* One live region for both states: the change to "archived" is read out as the button appears. */}
      <Text role="status" className={view.report ? styles.muted : undefined}>
        {view.report
          ? k('reportArchived', { date: dateTime(view.report.archivedAt) })
          : late
            ? k('reportLate')
            : k('reportArchiving')}
      </Text>
      {failed && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{failed}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
