// Samtale's Microsoft 365 tenant, faked on loopback: Entra ID (Teams SSO tokens with app roles, app
// tokens), Graph (the demo organisation as the directory, and the archive library) and the Bot
// Connector. Returns the m365 configuration that points the production adapters at them.
import { DEMO, DEMO_TENANT_ID, DEMO_UNITS, DEMO_USERS } from '../../src/seed/demo-organisation.ts';
import { jwtVerify } from 'jose';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { startBotFrameworkFake, type BotFrameworkFake } from '../fakes/botframework.ts';
import { startEntraFake, type EntraFake, type MintOptions } from '../fakes/entra.ts';
import { startGraphFake, type FakeUser, type GraphFake, type GraphFakeOptions } from '../fakes/graph.ts';
import { trustTestTls } from '../fakes/tls.ts';
import { provisionLibrary } from '../../src/adapters/archive/sharepoint-library.ts';
import { appGraph } from '../../src/adapters/graph/app-graph.ts';
import { createLogger } from '../../src/logger.ts';
import { HR_GROUP, HR_SALARY_GROUP } from './sharepoint.ts';

export const SAMTALE_APP = { clientId: '7b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d', clientSecret: 'm365-test-secret' };
export const PUBLIC_URL = 'https://samtale.fjordvik.example';
export const TEAMS_APP_ID = '3c9a1e55-6f2b-4d8e-9a10-b2c3d4e5f607';
export const CATALOG_APP_ID = 'a1b2c3d4-0000-4000-8000-catalogsamtal';

/** The demo people as Entra holds them: the department is the unit's name. */
export function demoDirectory(): FakeUser[] {
  return DEMO_USERS.map((u) => ({ id: u.oid, displayName: u.name, userPrincipalName: u.upn, department: DEMO_UNITS.find((x) => x.id === u.unitId)?.name ?? null, managerId: u.managerOid }));
}

export interface M365Fakes {
  entra: EntraFake;
  graph: GraphFake;
  connector: BotConnectorFake;
  botFramework: BotFrameworkFake;
  env: Record<string, string>;
  /** A Teams SSO token for a demo person, with the app roles Entra assigns them. */
  token(oid: string, opts?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startM365Fakes(opts: Partial<Pick<GraphFakeOptions, 'budget' | 'directory'>> = {}): Promise<M365Fakes> {
  trustTestTls();
  let graphOrigin = '';
  const entra = await startEntraFake({
    tenantId: DEMO_TENANT_ID,
    apps: [{ ...SAMTALE_APP, roles: new Proxy({} as Record<string, string[]>, { get: (_t, resource) => (resource === graphOrigin ? ['Sites.Selected', 'User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All'] : undefined) }) }],
  });
  const directory = opts.directory ?? demoDirectory();
  const graph = await startGraphFake({
    tenantId: DEMO_TENANT_ID,
    entraPublicKey: entra.publicKey,
    siteGrants: { [SAMTALE_APP.clientId]: 'fullcontrol' },
    principals: new Set<string>([...directory.map((u) => u.id), HR_SALARY_GROUP]),
    libraryReaders: [HR_GROUP],
    directory,
    catalog: [{ id: CATALOG_APP_ID, externalId: TEAMS_APP_ID }],
    ...(opts.budget ? { budget: opts.budget } : {}),
  });
  graphOrigin = graph.url;
  await provisionLibrary(appGraph({ tenantId: DEMO_TENANT_ID, ...SAMTALE_APP, authorityHost: entra.url, graphUrl: graph.url, logger: createLogger('silent') }), { siteId: graph.siteId, siteUrl: graph.siteUrl, library: 'Samtalearkiv' });
  // The Bot Connector accepts only the bot's own app token from this tenant, as the real one does.
  const connector = await startBotConnectorFake({
    authorize: async (req) => {
      const header = req.headers.authorization ?? '';
      try {
        const { payload } = await jwtVerify(header.replace(/^Bearer /, ''), entra.publicKey, { audience: 'https://api.botframework.com', issuer: `https://sts.windows.net/${DEMO_TENANT_ID}/` });
        return payload.appid === SAMTALE_APP.clientId;
      } catch {
        return false;
      }
    },
  });
  const botFramework = await startBotFrameworkFake(SAMTALE_APP.clientId);
  const roles = new Map(DEMO_USERS.map((u) => [u.oid, [...u.roles]]));
  return {
    entra,
    graph,
    connector,
    botFramework,
    env: {
      BOT_OPENID_METADATA_URL: botFramework.openIdMetadataUrl,
      SAMTALE_MODE: 'm365',
      HOST: '127.0.0.1',
      PUBLIC_URL,
      TEAMS_APP_ID,
      PROACTIVE_INSTALL: 'true',
      TENANT_ID: DEMO_TENANT_ID,
      CLIENT_ID: SAMTALE_APP.clientId,
      CLIENT_SECRET: SAMTALE_APP.clientSecret,
      ENTRA_AUTHORITY_HOST: entra.url,
      GRAPH_URL: graph.url,
      SHAREPOINT_SITE_ID: graph.siteId,
      SHAREPOINT_SITE_URL: graph.siteUrl,
      SHAREPOINT_SALARY_GROUP_ID: HR_SALARY_GROUP,
    },
    token: (oid, o = {}) => entra.mintUserToken({ oid, roles: roles.get(oid) ?? [] }, { audience: `api://samtale.fjordvik.example/${SAMTALE_APP.clientId}`, ...o }),
    async close() {
      await connector.close();
      await botFramework.close();
      await graph.close();
      await entra.close();
    },
  };
}

export { DEMO };
