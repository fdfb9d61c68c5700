import { Button, Card, MessageBar, MessageBarBody, Text, Title3 } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ConversationView } from '../../../src/contract/views.ts';
import { downloadPdf, errorText, openPdf, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { ConfirmButton } from './Confirm.tsx';

/** Who has signed and when, the checksum on demand, and the archived copies. Signing itself is in the
 * bar that stays in view (SignButton), once. */
export function SignPanel({ api, view }: { api: Api; view: ConversationView }) {
  const { t, dateTime, period } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [showHash, setShowHash] = useState(false);
  const openCopy = (part: 'record' | 'salary') =>
    openPdf(api, view.id, part).catch((e: unknown) => setError(errorText(e)));
  // A party keeps their own copy: fetched through Samtale (checked against its checksum), saved as a file.
  const mine = view.you !== null ? view.canOpenCopies : [];
  const download = (part: 'record' | 'salary') =>
    downloadPdf(
      api,
      view.id,
      part,
      t(part === 'record' ? 'copyFileName' : 'copyFileNameSalary', {
        type: view.template.name,
        period: period(view.period),
        employee: view.parties.employee.name,
      }),
    ).catch((e: unknown) => setError(errorText(e)));
  // From the bot's "Last ned min kopi" (?kopi=1): straight to the button.
  const firstDownload = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mine.length === 0 || !new URLSearchParams(window.location.search).has('kopi')) return;
    firstDownload.current?.scrollIntoView({ block: 'center' });
    firstDownload.current?.focus();
  }, [mine.length]);
  const parties = [
    { party: 'leader' as const, person: view.parties.leader },
    { party: 'employee' as const, person: view.parties.employee },
  ];
  return (
    <Card role="region" aria-labelledby="sign-title" id="signing">
      <Title3 block as="h2" id="sign-title">
        {t('signTitle')}
      </Title3>
      {view.locked && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{t('lockedNotice')}</MessageBarBody>
        </MessageBar>
      )}
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
      <div>
        <Button
          appearance="subtle"
          size="small"
          aria-expanded={showHash}
          onClick={() => setShowHash(!showHash)}
        >
          {showHash ? t('hideChecksum') : t('showChecksum')}
        </Button>
        {showHash && (
          <Text as="p" block>
            {t('checksumLead')} <code style={{ overflowWrap: 'anywhere' }}>{view.contentHash}</code>
          </Text>
        )}
      </div>
      {mine.length > 0 && (
        <>
          <Text as="p" block>
            {t('downloadCopyLead')}
          </Text>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {mine.map((part, i) => (
              <Button
                key={part}
                appearance="primary"
                ref={i === 0 ? firstDownload : undefined}
                onClick={() => void download(part)}
              >
                {t(part === 'record' ? 'downloadCopy' : 'downloadCopySalary')}
              </Button>
            ))}
          </div>
        </>
      )}
      {view.canOpenCopies.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {view.canOpenCopies.map((part) => (
            <Button key={part} onClick={() => void openCopy(part)}>
              {t(part === 'record' ? 'openArchive' : 'openArchiveSalary')}
            </Button>
          ))}
        </div>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}

/** Signing asks first, and says what is signed: this record, as it stands, by the content shown. */
export function SignButton(props: {
  api: Api;
  view: ConversationView;
  onChange: () => void;
  onError: (message: string | null) => void;
}) {
  const { t, period } = useI18n();
  const { view } = props;
  const other = view.you === 'leader' ? view.parties.employee : view.parties.leader;
  const otherSigned = view.signatures.some((s) => s.valid && s.party !== view.you);
  return (
    <ConfirmButton
      appearance="primary"
      label={t('signButton')}
      title={t('signConfirmTitle')}
      confirm={t('signConfirm')}
      onConfirm={() =>
        props.api
          .call('signRecord', { params: { id: view.id }, body: { contentHash: view.contentHash } })
          .then(
            () => props.onError(null),
            (e: unknown) => props.onError(errorText(e)),
          )
          .finally(props.onChange)
      }
    >
      <Text as="p" block>
        {t('signConfirmWhat', { name: view.definition.name, period: period(view.period), other: other.name })}
      </Text>
      <Text as="p" block>
        {otherSigned
          ? t('signConfirmLocks', { other: other.name })
          : t('signConfirmWaits', { other: other.name })}
      </Text>
    </ConfirmButton>
  );
}
