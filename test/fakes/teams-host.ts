// A simulated Teams host: a page on its own origin that embeds the tab in an iframe and answers
// teams-js's postMessage protocol (initialize, getContext, authentication.getAuthToken) like Teams does.
// In a meeting it is the meeting's tab configuration (settings: validity, the save handler, the saved
// settings), its side panel or its stage (stage sharing: capabilities and the URL shared to the stage).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostOptions {
  tabUrl: string;
  token: string;
  theme: 'default' | 'dark' | 'contrast';
  locale: string;
  subPageId?: string;
  /** Where the tab is: a page (default), a meeting tab's configuration, a side panel or the stage. */
  frameContext?: 'content' | 'settings' | 'sidePanel' | 'meetingStage';
  /** The meeting (and its chat's thread) the tab is in. */
  meeting?: { id: string; chatId: string };
  /** Whether the meeting lets the app share to its stage (MeetingStage.Write.Chat consented). */
  stageSharing?: boolean;
}

/** What the tab told the host, read in the host page as window.__host. */
export interface HostRecord {
  calls: string[];
  validity: boolean | null;
  /** The tab's configuration as pages.config.setConfig sent it. */
  settings: Record<string, unknown> | null;
  saved: boolean;
  /** The URL shared to the meeting's stage. */
  stage: string | null;
}

const RUNTIME = {
  apiVersion: 4,
  isLegacyTeams: false,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  supports: {
    appInstallDialog: {},
    dialog: { card: {}, url: {} },
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrack: {} },
    teamsCore: {},
    authentication: {},
    meeting: {},
  },
};

function page(o: HostOptions): string {
  const frame = o.frameContext ?? 'content';
  const context = {
    locale: o.locale,
    theme: o.theme,
    subEntityId: o.subPageId ?? '',
    entityId: o.meeting ? 'samtale-i-motet' : 'mine-samtaler',
    frameContext: frame,
    ...(o.meeting ? { meetingId: o.meeting.id, chatId: o.meeting.chatId } : {}),
    hostClientType: 'web',
    appSessionId: 'a1b2c3',
    tid: '8f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
    userObjectId: 'not-an-identity-source',
    loginHint: 'someone@fjordvik.kommune.no',
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Teams host</title></head>
<body style="margin:0">
<iframe id="tab" title="Samtale" src="${o.tabUrl}" style="width:100vw;height:100vh;border:0"></iframe>
<script>
  window.__calls = [];
  window.__host = { calls: window.__calls, validity: null, settings: null, saved: false, stage: null };
  const runtime = ${JSON.stringify(JSON.stringify(RUNTIME))};
  const context = ${JSON.stringify(context)};
  let tabOrigin = '*';
  // Teams' Save button: the host asks the tab to save its configuration.
  window.__save = () =>
    document.getElementById('tab').contentWindow.postMessage({ func: 'settings.save', args: [{}] }, tabOrigin);
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object' || typeof m.func !== 'string') return;
    tabOrigin = e.origin;
    window.__calls.push(m.func);
    const reply = (args) => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
    if (m.func === 'initialize') reply([${JSON.stringify(frame)}, 'web', runtime, '2.0.0']);
    else if (m.func === 'getContext') reply([context]);
    else if (m.func === 'authentication.getAuthToken') reply([true, ${JSON.stringify(o.token)}]);
    else if (m.func === 'settings.setValidityState') window.__host.validity = m.args[0];
    else if (m.func === 'settings.setSettings') {
      window.__host.settings = m.args[0];
      reply([true]);
    } else if (m.func === 'settings.save.success') window.__host.saved = true;
    else if (m.func === 'meeting.getAppContentStageSharingCapabilities')
      reply([null, { doesAppHaveSharePermission: ${o.stageSharing === true} }]);
    else if (m.func === 'meeting.shareAppContentToStage') {
      window.__host.stage = m.args[0];
      reply([null, true]);
    }
  });
</script></body></html>`;
}

export async function startTeamsHost(o: HostOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url !== '/') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(o));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}
