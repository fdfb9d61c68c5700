import { Link, Text, Title3 } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { PrivacyFacts } from '../../../src/contract/views.ts';
import { createApi } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { navigate } from '../router.ts';
import { PageTitle } from './common.tsx';

type Section = { title: MessageKey | null; text: MessageKey | 'basis' };
const PAGES: Record<'privacy' | 'terms', { title: MessageKey; sections: Section[] }> = {
  privacy: {
    title: 'privacyTitle',
    sections: [
      { title: 'privacyWhatTitle', text: 'privacyWhat' },
      { title: 'privacyWhoTitle', text: 'privacyWho' },
      { title: 'privacyHowLongTitle', text: 'privacyHowLong' },
      { title: 'privacyBasisTitle', text: 'basis' },
      { title: 'privacyRightsTitle', text: 'privacyRights' },
    ],
  },
  terms: {
    title: 'termsTitle',
    sections: [
      { title: null, text: 'termsUse' },
      { title: null, text: 'termsRecord' },
      { title: null, text: 'termsContact' },
    ],
  },
};

/**
 * The privacy and terms pages the Teams manifest links to: readable without signing in. The figures
 * (how long records are kept) and the legal basis come from the organisation's configuration.
 */
export function LegalPage({ kind }: { kind: 'privacy' | 'terms' }) {
  const { t, locale } = useI18n();
  const page = PAGES[kind];
  // A public operation: no token is sent.
  const api = useMemo(() => createApi(locale, () => Promise.resolve(null)), [locale]);
  const [facts, setFacts] = useState<PrivacyFacts | null>(null);
  useEffect(() => {
    if (kind === 'privacy')
      api.call('getPrivacyFacts').then(setFacts, () => {
        // Unreachable: the page still says everything but the figures and the basis.
      });
  }, [api, kind]);
  const textOf = (key: Section['text']) =>
    key === 'basis'
      ? (facts?.legalBasis ?? t('privacyBasisMissing'))
      : t(key, { years: facts?.retentionYears ?? 10, days: facts?.preparationDays ?? 30 });
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
      {page.sections.map((s) => (
        <section key={s.text}>
          {s.title && (
            <Title3 as="h2" block style={{ fontSize: 18, marginTop: 16 }}>
              {t(s.title)}
            </Title3>
          )}
          <Text as="p" block style={{ marginBottom: 12, lineHeight: 1.5 }}>
            {textOf(s.text)}
          </Text>
        </section>
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
