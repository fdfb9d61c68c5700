import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { useI18n } from '../i18n.ts';

/**
 * A button whose action asks first: what will happen, and the choice to go on or not. For what
 * cannot be taken back (cancel, share, remove a row, reopen, sign, send for signing).
 */
export function ConfirmButton(props: {
  label: string;
  title: string;
  confirm: string;
  appearance?: 'primary' | 'secondary';
  size?: 'small' | 'medium';
  /** What the person should know before going on. */
  children: React.ReactNode;
  onConfirm: () => Promise<unknown>;
  /**
   * Runs once the dialog has closed after the action went through (its closing motion finished): what
   * may remove this button (reading the page again) belongs here. A dialog whose button goes away while
   * it is open or closing leaves the rest of the page hidden from screen readers (aria-hidden).
   */
  afterClose?: () => void;
  ariaLabel?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmed = useRef(false);
  const afterClose = useRef(props.afterClose);
  afterClose.current = props.afterClose;
  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => setOpen(d.open)}
      modalType="alert"
      surfaceMotion={{
        onMotionFinish: (_, { direction }) => {
          if (direction !== 'exit' || !confirmed.current) return;
          confirmed.current = false;
          afterClose.current?.();
        },
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button
          appearance={props.appearance ?? 'secondary'}
          size={props.size ?? 'medium'}
          {...(props.ariaLabel ? { 'aria-label': props.ariaLabel } : {})}
        >
          {props.label}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>{props.children}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{t('goBack')}</Button>
            </DialogTrigger>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                confirmed.current = true;
                void props.onConfirm().finally(() => {
                  setBusy(false);
                  setOpen(false);
                });
              }}
            >
              {props.confirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
