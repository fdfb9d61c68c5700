import { Link, Text } from '@fluentui/react-components';
import { useI18n, type MessageKey } from '../i18n.ts';
import { navigate } from '../router.ts';
import { PageTitle } from './common.tsx';

const PAGES: Record<'privacy' | 'terms', { title: MessageKey; paragraphs: MessageKey[] }> = {
  privacy: {
    title: 'privacyTitle',
    paragraphs: ['privacyWhat', 'privacyWho', 'privacyHowLong', 'privacyRights'],
  },
  terms: { title: 'termsTitle', paragraphs: ['termsUse', 'termsRecord', 'termsContact'] },
};

/** The privacy and terms pages the Teams manifest links to: readable without signing in. */
export function LegalPage({ kind }: { kind: 'privacy' | 'terms' }) {
  const { t } = useI18n();
  const page = PAGES[kind];
  return (
    // The frame around it (App's Bare) fills the window, so a dark theme does not end where the text does.
    <main
      id="main"
      tabIndex={-1}
      style={{
        maxWidth: 720,
        margin: '0 auto',
        padding: '16px',
        boxSizing: 'border-box',
      }}
    >
      <PageTitle>{t(page.title)}</PageTitle>
      {page.paragraphs.map((p) => (
        <Text as="p" block key={p} style={{ marginBottom: 12, lineHeight: 1.5 }}>
          {t(p)}
        </Text>
      ))}
      <Link
        href="/"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        {t('backToSamtale')}
      </Link>
    </main>
  );
}
