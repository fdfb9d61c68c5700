import { Button, Card, MessageBar, MessageBarBody, Text, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConversationView } from '../../../src/contract/views.ts';
import { errorText, openPdf, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';

/** Shows exactly what is signed (the content hash), who has signed and when, and signs. */
export function SignPanel({
  api,
  view,
  onChange,
}: {
  api: Api;
  view: ConversationView;
  onChange: () => void;
}) {
  const { t, dateTime } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const sign = () =>
    api.call('signRecord', { params: { id: view.id }, body: { contentHash: view.contentHash } }).then(
      () => {
        setError(null);
        onChange();
      },
      (e: unknown) => {
        setError(errorText(e));
        onChange();
      },
    );
  const openCopy = (part: 'record' | 'salary') =>
    openPdf(api, view.id, part).catch((e: unknown) => setError(errorText(e)));
  const parties = [
    { party: 'leader' as const, person: view.parties.leader },
    { party: 'employee' as const, person: view.parties.employee },
  ];
  return (
    <Card role="region" aria-labelledby="sign-title">
      <Title3 block as="h2" id="sign-title">
        {t('signTitle')}
      </Title3>
      {view.locked && (
        <MessageBar intent="success">
          <MessageBarBody>{t('lockedNotice')}</MessageBarBody>
        </MessageBar>
      )}
      <Text as="p">{t('signWhat', { hash: view.contentHash })}</Text>
      {!view.locked && <Text as="p">{t('signVoids')}</Text>}
      <ul>
        {parties.map(({ party, person }) => {
          const s = view.signatures.find((x) => x.party === party && x.valid);
          return (
            <li key={party}>
              {s
                ? t('signedBy', { name: s.name, time: dateTime(s.signedAt) })
                : t('notSignedYet', { name: person.name })}
            </li>
          );
        })}
      </ul>
      {view.canOpenCopies.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {view.canOpenCopies.map((part) => (
            <Button key={part} onClick={() => void openCopy(part)}>
              {t(part === 'record' ? 'openArchive' : 'openArchiveSalary')}
            </Button>
          ))}
        </div>
      )}
      {view.canSign && (
        <div>
          <Button appearance="primary" onClick={() => void sign()}>
            {t('signButton')}
          </Button>
        </div>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
