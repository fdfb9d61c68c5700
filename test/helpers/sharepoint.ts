// The tenant services the SharePoint archive talks to, faked on loopback over HTTPS: Entra ID (app
// tokens) and Graph (the library). Returns the environment that points Samtale's production adapter
// at them, as an administrator's configuration would point it at the real ones.
import { provisionLibrary } from '../../src/adapters/archive/sharepoint-library.ts';
import { appGraph } from '../../src/adapters/graph/app-graph.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO, DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import { startEntraFake, type EntraFake } from '../fakes/entra.ts';
import { startGraphFake, type GraphFake, type GraphFakeOptions } from '../fakes/graph.ts';
import { trustTestTls } from '../fakes/tls.ts';

export const HR_GROUP = '5d0f3a3e-8b7c-4f1e-9a60-0c3b1e2d4f01';
export const HR_SALARY_GROUP = '5d0f3a3e-8b7c-4f1e-9a60-0c3b1e2d4f02';
export const ARCHIVE_APP = { clientId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', clientSecret: 'test-secret-for-the-fake-only' };

export interface SharePointFakes {
  entra: EntraFake;
  graph: GraphFake;
  /** Configuration for Samtale (ARCHIVE_BACKEND=sharepoint and its settings). */
  env: Record<string, string>;
  /** NODE_EXTRA_CA_CERTS for a server run as a child process. */
  certFile: string;
  provision(): ReturnType<typeof provisionLibrary>;
  close(): Promise<void>;
}

export async function startSharePointFakes(opts: Partial<Pick<GraphFakeOptions, 'budget' | 'faultRate' | 'siteGrants'>> = {}): Promise<SharePointFakes> {
  const tls = trustTestTls();
  let graphOrigin = '';
  const entra = await startEntraFake({
    tenantId: DEMO_TENANT_ID,
    // Roles are looked up per resource when a token is issued, after the Graph fake has its address.
    apps: [{ ...ARCHIVE_APP, roles: new Proxy({} as Record<string, string[]>, { get: (_t, resource) => (resource === graphOrigin ? ['Sites.Selected'] : undefined) }) }],
  });
  const graph = await startGraphFake({
    tenantId: DEMO_TENANT_ID,
    entraPublicKey: entra.publicKey,
    siteGrants: opts.siteGrants ?? { [ARCHIVE_APP.clientId]: 'fullcontrol' },
    principals: new Set<string>([...Object.values(DEMO), HR_SALARY_GROUP]),
    libraryReaders: [HR_GROUP],
    ...(opts.budget ? { budget: opts.budget } : {}),
    ...(opts.faultRate ? { faultRate: opts.faultRate } : {}),
  });
  graphOrigin = graph.url;
  const env = {
    ARCHIVE_BACKEND: 'sharepoint',
    TENANT_ID: DEMO_TENANT_ID,
    CLIENT_ID: ARCHIVE_APP.clientId,
    CLIENT_SECRET: ARCHIVE_APP.clientSecret,
    ENTRA_AUTHORITY_HOST: entra.url,
    GRAPH_URL: graph.url,
    SHAREPOINT_SITE_ID: graph.siteId,
    SHAREPOINT_SITE_URL: graph.siteUrl,
    SHAREPOINT_SALARY_GROUP_ID: HR_SALARY_GROUP,
  };
  return {
    entra,
    graph,
    env,
    certFile: tls.certFile,
    provision: () =>
      provisionLibrary(appGraph({ tenantId: DEMO_TENANT_ID, ...ARCHIVE_APP, authorityHost: entra.url, graphUrl: graph.url, logger: createLogger('silent') }), { siteId: graph.siteId, siteUrl: graph.siteUrl, library: 'Samtalearkiv' }),
    async close() {
      await graph.close();
      await entra.close();
    },
  };
}
