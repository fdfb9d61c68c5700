import { Text } from '@fluentui/react-components';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { RouterLink, PageTitle } from './common.tsx';
import { ExportButton } from './DataExport.tsx';

/** Mine data: everything Samtale holds about me that I may read (innsyn, GDPR art. 15), as one ZIP. */
export function MyDataPage({ api }: { api: Api }) {
  const { words, t } = useI18n();
  const w = words.tab.myData;
  return (
    <section style={{ maxWidth: '48rem' }}>
      <PageTitle>{w.title}</PageTitle>
      <Text as="p" block>
        {w.lead}
      </Text>
      <Text as="p" block weight="semibold" id="my-data-contents">
        {w.contents}
      </Text>
      <ul aria-labelledby="my-data-contents">
        {[w.conversations, w.preparation, w.items, w.reminders, w.audit].map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Text as="p" block>
        {w.notIncluded}
      </Text>
      <ExportButton label={w.download} building={w.building} start={() => api.download('exportMyData')} />
      <Text as="p" block>
        {w.format}
      </Text>
      <RouterLink href="/personvern">{t('privacyTitle')}</RouterLink>
    </section>
  );
}
