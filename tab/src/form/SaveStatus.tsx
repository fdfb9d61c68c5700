import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useI18n } from '../i18n.ts';
import type { Conflict, SaveState } from './useSaver.ts';

const useStyles = makeStyles({
  status: {
    minHeight: '1.4em',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  failed: { color: tokens.colorPaletteRedForeground1 },
  conflict: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
    gap: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalS,
  },
  pre: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** "Lagrer …", "Lagret", or what went wrong with a way to try again, announced to screen readers. */
export function SaveStatus(props: { state: SaveState; error: string | null; onRetry: () => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <div className={styles.status} role="status" aria-live="polite">
      {props.state === 'saving' && t('saving')}
      {props.state === 'saved' && t('saved')}
      {props.state === 'error' && (
        <>
          <Text className={styles.failed}>{t('saveFailed', { message: props.error ?? '' })}</Text>
          <Button size="small" onClick={props.onRetry}>
            {t('retry')}
          </Button>
        </>
      )}
    </div>
  );
}

/** Both texts side by side, and the three ways out; nothing is lost whichever is chosen. */
export function ConflictView(props: {
  mine: string;
  theirs: string;
  by: string;
  onResolve: (choice: 'mine' | 'theirs' | 'merge') => void;
  canMerge: boolean;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <MessageBar intent="warning" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t('conflictTitle')}</MessageBarTitle>
        {t('conflictLead')}
        <div className={styles.conflict}>
          <div>
            <Text weight="semibold" as="h4">
              {t('conflictYours')}
            </Text>
            <pre className={styles.pre} data-testid="conflict-mine">
              {props.mine}
            </pre>
          </div>
          <div>
            <Text weight="semibold" as="h4">
              {props.by ? t('conflictTheirs', { name: props.by }) : t('conflictTheirsNoName')}
            </Text>
            <pre className={styles.pre} data-testid="conflict-theirs">
              {props.theirs}
            </pre>
          </div>
        </div>
      </MessageBarBody>
      <MessageBarActions>
        <div className={styles.actions}>
          {props.canMerge && (
            <Button appearance="primary" onClick={() => props.onResolve('merge')}>
              {t('mergeBoth')}
            </Button>
          )}
          <Button onClick={() => props.onResolve('mine')}>{t('keepMine')}</Button>
          <Button onClick={() => props.onResolve('theirs')}>{t('useTheirs')}</Button>
        </div>
      </MessageBarActions>
    </MessageBar>
  );
}

export type { Conflict };
