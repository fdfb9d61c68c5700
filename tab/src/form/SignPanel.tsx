import { Button, Card, MessageBar, MessageBarBody, Text, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError, openPdf, type Api, type ConversationView } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { Template } from '../template.ts';

/** Shows exactly what is signed (the content hash), who has signed and when, and signs. */
export function SignPanel({
  api,
  view,
  onChange,
}: {
  api: Api;
  view: ConversationView & { definition: Template };
  onChange: () => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const locked = view.status === 'signed' || view.status === 'archived';
  const mineSigned = view.signatures.some((s) => s.party === view.you && s.valid);
  const sign = () =>
    api.send('POST', `/api/conversations/${view.id}/signatures`, { contentHash: view.contentHash }).then(
      () => (setError(null), onChange()),
      (e: unknown) => (setError(e instanceof ApiError ? e.message : String(e)), onChange()),
    );
  const hasSalary = view.definition.sections.some((s) => s.sensitivity === 'salary');
  const openCopy = (part: 'record' | 'salary') =>
    openPdf(api, `/api/conversations/${view.id}/archive/${part}`).catch((e: unknown) =>
      setError(e instanceof ApiError ? e.message : String(e)),
    );
  const parties = [
    { party: 'leader' as const, person: view.parties.leader },
    { party: 'employee' as const, person: view.parties.employee },
  ];
  return (
    <Card role="region" aria-labelledby="sign-title">
      <Title3 block as="h2" id="sign-title">
        {t('signTitle')}
      </Title3>
      {locked && (
        <MessageBar intent="success">
          <MessageBarBody>{t('lockedNotice')}</MessageBarBody>
        </MessageBar>
      )}
      <Text as="p">{t('signWhat', { hash: view.contentHash })}</Text>
      {!locked && <Text as="p">{t('signVoids')}</Text>}
      <ul>
        {parties.map(({ party, person }) => {
          const s = view.signatures.find((x) => x.party === party && x.valid);
          return (
            <li key={party}>
              {s
                ? t('signedBy', { name: s.name, time: s.signedAt.replace('T', ' ').slice(0, 19) })
                : t('notSignedYet', { name: person.name })}
            </li>
          );
        })}
      </ul>
      {view.status === 'archived' && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {(hasSalary ? (['record', 'salary'] as const) : (['record'] as const)).map((part) => (
            <Button key={part} onClick={() => void openCopy(part)}>
              {t(part === 'record' ? 'openArchive' : 'openArchiveSalary')}
            </Button>
          ))}
        </div>
      )}
      {view.status === 'awaiting_signatures' && view.you && !mineSigned && (
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
