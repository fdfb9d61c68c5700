// Samtale's Microsoft 365 tenant, faked on loopback: Entra ID (Teams SSO tokens with app roles, app
// tokens), Graph (the demo organisation as the directory, and the archive library) and the Bot
// Connector. Returns the m365 configuration that points the production adapters at them.
import { DEMO, DEMO_TENANT_ID, DEMO_UNITS, DEMO_USERS } from '../../src/seed/demo-organisation.ts';
import { jwtVerify } from 'jose';
import { startBotConnectorFake, type BotConnectorFake } from '../fakes/bot-connector.ts';
import { startBotFrameworkFake, type BotFrameworkFake } from '../fakes/botframework.ts';
import type { EntraFake, MintOptions } from '../fakes/entra.ts';
import type { FakeUser, GraphFake, GraphFakeOptions } from '../fakes/graph.ts';
import { startSharePointFakes } from './sharepoint.ts';

export const SAMTALE_APP = {
  clientId: '7b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
  clientSecret: 'm365-test-secret',
};
export const PUBLIC_URL = 'https://samtale.fjordvik.example';
/** The API Samtale exposes for Teams SSO: the audience of its tokens and of on-behalf-of assertions. */
export const APP_ID_URI = `api://samtale.fjordvik.example/${SAMTALE_APP.clientId}`;
export const TEAMS_APP_ID = '3c9a1e55-6f2b-4d8e-9a10-b2c3d4e5f607';
export const CATALOG_APP_ID = 'a1b2c3d4-0000-4000-8000-catalogsamtal';

/** The demo people as Entra holds them: the department is the unit's name. */
export function demoDirectory(): FakeUser[] {
  return DEMO_USERS.map((u) => ({
    id: u.oid,
    displayName: u.name,
    userPrincipalName: u.upn,
    department: DEMO_UNITS.find((x) => x.id === u.unitId)?.name ?? null,
    managerId: u.managerOid,
  }));
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

export async function startM365Fakes(
  opts: Partial<Pick<GraphFakeOptions, 'budget' | 'directory' | 'deltaPageSize'>> = {},
): Promise<M365Fakes> {
  const {
    entra,
    graph,
    env: archiveEnv,
    provision,
    close: closeTenant,
  } = await startSharePointFakes({
    app: SAMTALE_APP,
    graphRoles: ['User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All'],
    applicationIdUri: APP_ID_URI,
    directory: opts.directory ?? demoDirectory(),
    catalog: [{ id: CATALOG_APP_ID, externalId: TEAMS_APP_ID }],
    ...(opts.budget ? { budget: opts.budget } : {}),
    ...(opts.deltaPageSize ? { deltaPageSize: opts.deltaPageSize } : {}),
  });
  await provision();
  // An admin has consented to the delegated calendar permission (meetings created as the leader).
  entra.setDelegatedConsent(SAMTALE_APP.clientId, graph.url, ['Calendars.ReadWrite']);
  // The Bot Connector accepts only the bot's own app token from this tenant, as the real one does.
  const connector = await startBotConnectorFake({
    authorize: async (req) => {
      const header = req.headers.authorization ?? '';
      try {
        const { payload } = await jwtVerify(header.replace(/^Bearer /, ''), entra.publicKey, {
          audience: 'https://api.botframework.com',
          issuer: `https://sts.windows.net/${DEMO_TENANT_ID}/`,
        });
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
      ...archiveEnv,
      BOT_OPENID_METADATA_URL: botFramework.openIdMetadataUrl,
      SAMTALE_MODE: 'm365',
      HOST: '127.0.0.1',
      PUBLIC_URL,
      TEAMS_APP_ID,
      PROACTIVE_INSTALL: 'true',
    },
    token: (oid, o = {}) =>
      entra.mintUserToken({ oid, roles: roles.get(oid) ?? [] }, { audience: APP_ID_URI, ...o }),
    async close() {
      await connector.close();
      await botFramework.close();
      await closeTenant();
    },
  };
}

export { DEMO };
