import {
  Badge,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { Status } from '../../../src/domain/conversation.ts';
import { useI18n } from '../i18n.ts';
import { navigate } from '../router.ts';

/** A link within the tab: a real href (open in new tab, copy link) that navigates without a reload. */
export function RouterLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      onClick={(e) => {
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </Link>
  );
}

const STATUS_COLOUR: Record<
  Status,
  'informative' | 'warning' | 'success' | 'important' | 'subtle' | 'brand'
> = {
  planned: 'informative',
  preparing: 'brand',
  held: 'warning',
  awaiting_signatures: 'important',
  signed: 'success',
  archived: 'success',
  cancelled: 'subtle',
};

// A long status ("Gjennomført, referat pågår") wraps in a narrow column: the badge grows with it
// instead of its fixed height drawing the border through the second line.
const useBadgeStyles = makeStyles({
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', paddingBlock: '1px' },
});

export function StatusBadge({ status }: { status: Status }) {
  const { words } = useI18n();
  const styles = useBadgeStyles();
  return (
    <Badge appearance="tint" color={STATUS_COLOUR[status]} shape="rounded" className={styles.badge}>
      {words.status[status]}
    </Badge>
  );
}

/**
 * The page heading; it takes focus when the page changes so screen readers announce the new page.
 * A change of language re-words the page around the person: the focus stays on the language setting.
 */
export function PageTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – Samtale`;
    if (document.activeElement?.closest('[data-language-picker]')) return;
    ref.current?.focus();
  }, [children]);
  return (
    <h1 ref={ref} tabIndex={-1} style={{ margin: '8px 0 16px', outline: 'none' }}>
      {/* On a phone a long Norwegian compound ("Medarbeidersamtale") must still fit the line. */}
      <Title2 style={{ fontSize: 'clamp(1.3rem, 6.5vw, 1.75rem)', lineHeight: 1.25 }}>{children}</Title2>
    </h1>
  );
}

/** An error said as an alert; a form's own problem (what to change) goes without "Noe gikk galt". */
export function ErrorNotice({ message, formProblem = false }: { message: string; formProblem?: boolean }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        {!formProblem && <MessageBarTitle>{t('errorTitle')}</MessageBarTitle>}
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}

/** An address the tab does not know: said in the app's own frame and words, with a way back. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <PageTitle>{t('notFound')}</PageTitle>
      <Text as="p" block>
        {t('notFoundLead')}
      </Text>
      <RouterLink href="/">{t('backToList')}</RouterLink>
    </section>
  );
}

const useSrOnlyStyles = makeStyles({
  text: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

/** Read by screen readers, not drawn: what a picture, an arrow or a column of buttons says. */
export function SrOnly({ children }: { children: React.ReactNode }) {
  return <span className={useSrOnlyStyles().text}>{children}</span>;
}

const useShowMoreStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalM,
  },
});

/** Below a paged list: how many of how many are shown, in a live region, and the button for the next page. */
export function ShowMore(props: {
  shown: number;
  total: number;
  more: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const styles = useShowMoreStyles();
  const { t } = useI18n();
  return (
    <div className={styles.row}>
      <Text role="status">{t('shownOf', { shown: String(props.shown), total: String(props.total) })}</Text>
      {props.more && (
        <Button onClick={props.onMore} disabled={props.loading}>
          {t('showMore')}
        </Button>
      )}
    </div>
  );
}
