import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { fill } from '../../../src/contract/words/format.ts';
import type { ArchiveEntry, HoldView } from '../../../src/contract/views.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';

type OnHold = (entry: ArchiveEntry, hold: HoldView['hold'], message: string) => void;

/** A row's button: "Bevar" asks for the reason (the list's one dialog), "Opphev" lifts the hold at once. */
export function HoldButton({
  api,
  entry,
  onAsk,
  onChange,
}: {
  api: Api;
  entry: ArchiveEntry;
  onAsk: (entry: ArchiveEntry) => void;
  onChange: OnHold;
}) {
  const { words, period } = useI18n();
  const w = words.tab.retention;
  const [busy, setBusy] = useState(false);
  const who = { name: entry.employee, period: period(entry.period) };
  if (!entry.hold)
    return (
      <Button
        size="small"
        data-hold={entry.conversationId}
        aria-label={fill(w.holdFor, who)}
        onClick={() => onAsk(entry)}
      >
        {w.hold}
      </Button>
    );
  return (
    <Button
      size="small"
      data-hold={entry.conversationId}
      disabled={busy}
      aria-label={fill(w.releaseFor, who)}
      onClick={() => {
        setBusy(true);
        api
          .call('removeRetentionHold', { params: { id: entry.conversationId } })
          .then(
            (r) => onChange(entry, r.hold, w.released),
            (e: unknown) => onChange(entry, entry.hold, errorText(e)),
          )
          .finally(() => setBusy(false));
      }}
    >
      {w.release}
    </Button>
  );
}

/**
 * HR keeps an archived record past its kassasjonsdato, saying why. One dialog for the whole list (not
 * one per row). The server refuses an empty reason and a record already being deleted; its words show here.
 */
export function HoldDialog({
  api,
  entry,
  onClose,
  onChange,
  afterClose,
}: {
  api: Api;
  entry: ArchiveEntry | null;
  onClose: () => void;
  onChange: OnHold;
  afterClose: (entry: ArchiveEntry) => void;
}) {
  const { words, period } = useI18n();
  const w = words.tab.retention;
  // The entry the dialog was about, still known while it fades out.
  const shown = useRef<ArchiveEntry | null>(null);
  if (entry) shown.current = entry;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };
  const save = () => {
    if (!entry) return;
    setBusy(true);
    setError(null);
    api
      .call('placeRetentionHold', { params: { id: entry.conversationId }, body: { reason } })
      .then(
        (r) => {
          close();
          onChange(entry, r.hold, w.held);
        },
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <Dialog
      open={entry !== null}
      onOpenChange={(_, d) => !d.open && close()}
      surfaceMotion={{
        // Once it has closed: focus goes to the row's button, which became "Opphev" if the hold was placed.
        onMotionFinish: (_, { direction }) => {
          if (direction === 'exit' && shown.current) afterClose(shown.current);
        },
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{w.dialogTitle}</DialogTitle>
          <DialogContent>
            <Text as="p" block style={{ marginBottom: 12 }}>
              {entry && fill(w.dialogLead, { name: entry.employee, period: period(entry.period) })}
            </Text>
            <Field
              label={w.reason}
              required
              validationMessage={error ?? undefined}
              validationState={error ? 'error' : 'none'}
            >
              <Textarea
                value={reason}
                maxLength={500}
                onChange={(_, d) => setReason(d.value)}
                resize="vertical"
              />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={close}>
              {w.cancel}
            </Button>
            <Button appearance="primary" disabled={busy} onClick={save}>
              {w.save}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
