// Samtale in a Teams meeting: the tab's configuration (which conversation this meeting is for), the
// conversation in the meeting's side panel (320 px wide), and the shared record on its stage.
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { MyConversation } from '../../../src/contract/views.ts';
import { errorText, type Api } from '../api.ts';
import type { Host } from '../host.ts';
import { useI18n } from '../i18n.ts';
import { ConversationPage } from '../pages/ConversationPage.tsx';
import { ErrorNotice, PageTitle } from '../pages/common.tsx';
import { useRoute } from '../router.ts';
import { StagePage } from './StagePage.tsx';
import { canShareToStage, offerMeetingTab, shareToStage } from './teams-meeting.ts';

const UUID = /^[0-9a-f-]{36}$/;

const useStyles = makeStyles({
  frame: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'break-word',
  },
  stage: { padding: tokens.spacingHorizontalXXL },
  // One column that may shrink below its longest option: a conversation's name is long at 320 px.
  form: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalM,
    maxWidth: '480px',
  },
  select: { minWidth: 0, '& select': { textOverflow: 'ellipsis' } },
  share: { display: 'grid', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalM },
});

function Frame({ stage = false, children }: { stage?: boolean; children: ReactNode }) {
  const styles = useStyles();
  return (
    <main id="main" className={stage ? `${styles.frame} ${styles.stage}` : styles.frame} tabIndex={-1}>
      {children}
    </main>
  );
}

/** The conversation this frame shows: the configured address, the deep link, else the meeting Samtale created. */
function useMeetingConversation(api: Api, host: Host): { id: string | null; looking: boolean } {
  const route = useRoute();
  const fromUrl =
    route.page === 'conversation' || route.page === 'stage'
      ? route.id
      : host.deepLink && UUID.test(host.deepLink)
        ? host.deepLink
        : null;
  const [found, setFound] = useState<string | null>(null);
  const [looking, setLooking] = useState(fromUrl === null && host.meetingChatId !== null);
  useEffect(() => {
    if (fromUrl || !host.meetingChatId) return;
    api.call('findMeetingConversation', { query: { chatId: host.meetingChatId } }).then(
      (r) => setFound(r.conversationId),
      () => setFound(null),
    );
    setLooking(false);
  }, [api, fromUrl, host.meetingChatId]);
  return { id: fromUrl ?? found, looking };
}

export function MeetingShell({ api, host }: { api: Api; host: Host }) {
  const { words } = useI18n();
  const route = useRoute();
  const { id, looking } = useMeetingConversation(api, host);
  if (host.frame === 'settings' || route.page === 'meeting-config')
    return (
      <Frame>
        <MeetingConfig api={api} chatId={host.meetingChatId} />
      </Frame>
    );
  if (looking) return <Spinner style={{ marginTop: 48 }} />;
  if (!id)
    return (
      <Frame>
        <ErrorNotice message={words.meeting.noConversation} />
      </Frame>
    );
  if (host.frame === 'meetingStage' || route.page === 'stage')
    return (
      <Frame stage>
        <StagePage api={api} id={id} />
      </Frame>
    );
  return (
    <Frame>
      <ShareToStage id={id} />
      <ConversationPage api={api} id={id} />
    </Frame>
  );
}

/** "Show the record on the shared screen": offered where the meeting lets the app share to its stage. */
function ShareToStage({ id }: { id: string }) {
  const styles = useStyles();
  const { words } = useI18n();
  const w = words.meeting;
  const [can, setCan] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void canShareToStage().then(setCan);
  }, []);
  if (!can) return null;
  return (
    <div className={styles.share}>
      <div>
        <Button
          appearance="primary"
          onClick={() =>
            void shareToStage(`${window.location.origin}/conversations/${id}/stage`).then(
              () => setSaid({ ok: true, text: w.sharedToStage }),
              () => setSaid({ ok: false, text: w.shareFailed }),
            )
          }
        >
          {w.shareToStage}
        </Button>
      </div>
      {said && (
        <MessageBar intent={said.ok ? 'success' : 'error'} layout="multiline" role="status">
          <MessageBarBody>{said.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/**
 * The meeting tab's configuration: the caller picks one of their conversations (the one Samtale
 * created this meeting for comes chosen), and Teams saves the tab with that conversation's address.
 */
function MeetingConfig({ api, chatId }: { api: Api; chatId: string | null }) {
  const styles = useStyles();
  const { t, words, period } = useI18n();
  const w = words.meeting;
  const [conversations, setConversations] = useState<MyConversation[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('listMyConversations').then(
      (r) => setConversations(r.conversations.filter((c) => c.status !== 'cancelled')),
      (e: unknown) => setError(errorText(e)),
    );
    if (chatId)
      api.call('findMeetingConversation', { query: { chatId } }).then(
        (r) => {
          setCreated(r.conversationId);
          if (r.conversationId) setChosen(r.conversationId);
        },
        () => undefined,
      );
  }, [api, chatId]);
  useEffect(() => {
    const url = `${window.location.origin}/conversations/${chosen}`;
    void offerMeetingTab(
      chosen
        ? { contentUrl: url, websiteUrl: url, entityId: `samtale-${chosen}`, suggestedDisplayName: w.tabName }
        : null,
    ).catch(() => undefined);
  }, [chosen, w.tabName]);

  if (error) return <ErrorNotice message={error} />;
  if (!conversations) return <Spinner label={t('loading')} />;
  const name = (c: MyConversation) =>
    `${c.template.name} ${period(c.period)}, ${c.you === 'leader' ? c.parties.employee.name : c.parties.leader.name}`;
  return (
    <section className={styles.form}>
      <PageTitle>{w.configTitle}</PageTitle>
      <Text block>{w.configLead}</Text>
      {conversations.length === 0 ? (
        <Text block>{w.configNone}</Text>
      ) : (
        <Field
          label={w.configPick}
          hint={created && created === chosen ? w.configFound : chosen ? w.configReady : undefined}
        >
          <Select className={styles.select} value={chosen} onChange={(_, d) => setChosen(d.value)}>
            <option value="" />
            {conversations.map((c) => (
              <option key={c.id} value={c.id}>
                {name(c)}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </section>
  );
}
