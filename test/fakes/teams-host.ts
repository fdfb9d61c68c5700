// A simulated Teams host: a page on its own origin that embeds the tab in an iframe and answers
// teams-js's postMessage protocol (initialize, getContext, authentication.getAuthToken) like Teams does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostOptions {
  tabUrl: string;
  token: string;
  theme: 'default' | 'dark' | 'contrast';
  locale: string;
  subPageId?: string;
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
  },
};

function page(o: HostOptions): string {
  const context = {
    locale: o.locale,
    theme: o.theme,
    subEntityId: o.subPageId ?? '',
    entityId: 'mine-samtaler',
    frameContext: 'content',
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
  const runtime = ${JSON.stringify(JSON.stringify(RUNTIME))};
  const context = ${JSON.stringify(context)};
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object' || typeof m.func !== 'string') return;
    window.__calls.push(m.func);
    const reply = (args) => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
    if (m.func === 'initialize') reply(['content', 'web', runtime, '2.0.0']);
    else if (m.func === 'getContext') reply([context]);
    else if (m.func === 'authentication.getAuthToken') reply([true, ${JSON.stringify(o.token)}]);
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
