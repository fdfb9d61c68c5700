// The tenant services the SharePoint archive talks to, faked on loopback over HTTPS: Entra ID (app
// tokens) and Graph (the library; for the m365 tests also the directory and the app catalog).
// Returns the environment that points Samtale's production adapters at them, as an administrator's
// configuration would point them at the real ones.
import { provisionLibraries } from '../../src/adapters/archive/sharepoint-library.ts';
import { appGraph, type AppGraph } from '../../src/adapters/graph/app-graph.ts';
import { createLogger } from '../../src/logger.ts';
import { DEMO, DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';
import { startEntraFake, type EntraFake } from '../fakes/entra.ts';
import { startGraphFake, type FakeItem, type GraphFake, type GraphFakeOptions } from '../fakes/graph.ts';
import { trustTestTls } from '../fakes/tls.ts';

export const HR_GROUP = '5d0f3a3e-8b7c-4f1e-9a60-0c3b1e2d4f01';
export const HR_SALARY_GROUP = '5d0f3a3e-8b7c-4f1e-9a60-0c3b1e2d4f02';
/** The two libraries' default names: the records HR reads, and Punkt 4 for the salary group. */
export const RECORD_LIBRARY = 'Samtalearkiv';
export const SALARY_LIBRARY = 'Samtalearkiv lønn';
export const ARCHIVE_APP = {
  clientId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  clientSecret: 'test-secret-for-the-fake-only',
};

export interface SharePointFakes {
  entra: EntraFake;
  graph: GraphFake;
  /** Configuration for Samtale (ARCHIVE_BACKEND=sharepoint and its settings). */
  env: Record<string, string>;
  /** NODE_EXTRA_CA_CERTS for a server run as a child process. */
  certFile: string;
  provision: () => ReturnType<typeof provisionLibraries>;
  /** Samtale's own Graph client (the archive app's identity), pointed at the fakes. */
  appGraph: () => AppGraph;
  close: () => Promise<void>;
}

export interface SharePointFakeOptions extends Partial<
  Pick<GraphFakeOptions, 'budget' | 'faultRate' | 'siteGrants' | 'directory' | 'catalog' | 'deltaPageSize'>
> {
  /** The app registration Samtale signs in with (default: an archive-only app). */
  app?: { clientId: string; clientSecret: string };
  /** Graph application permissions granted besides Sites.Selected. */
  graphRoles?: string[];
  /** The API the app exposes for Teams SSO (the audience of on-behalf-of assertions). */
  applicationIdUri?: string;
}

export async function startSharePointFakes(opts: SharePointFakeOptions = {}): Promise<SharePointFakes> {
  const tls = trustTestTls();
  const app = opts.app ?? ARCHIVE_APP;
  let graphOrigin = '';
  const roles = ['Sites.Selected', ...(opts.graphRoles ?? [])];
  const entra = await startEntraFake({
    tenantId: DEMO_TENANT_ID,
    // Roles are looked up per resource when a token is issued, after the Graph fake has its address.
    apps: [
      {
        ...app,
        ...(opts.applicationIdUri ? { applicationIdUri: opts.applicationIdUri } : {}),
        roles: new Proxy(
          {},
          {
            get: (_t, resource) => (resource === graphOrigin ? roles : undefined),
          },
        ),
      },
    ],
  });
  const graph = await startGraphFake({
    tenantId: DEMO_TENANT_ID,
    entraPublicKey: entra.publicKey,
    siteGrants: opts.siteGrants ?? { [app.clientId]: 'fullcontrol' },
    principals: new Set<string>([
      ...(opts.directory?.map((u) => u.id) ?? Object.values(DEMO)),
      HR_SALARY_GROUP,
    ]),
    libraryReaders: [HR_GROUP],
    ...(opts.directory ? { directory: opts.directory } : {}),
    ...(opts.catalog ? { catalog: opts.catalog } : {}),
    ...(opts.budget ? { budget: opts.budget } : {}),
    ...(opts.faultRate ? { faultRate: opts.faultRate } : {}),
    ...(opts.deltaPageSize ? { deltaPageSize: opts.deltaPageSize } : {}),
  });
  graphOrigin = graph.url;
  const env = {
    ARCHIVE_BACKEND: 'sharepoint',
    TENANT_ID: DEMO_TENANT_ID,
    CLIENT_ID: app.clientId,
    CLIENT_SECRET: app.clientSecret,
    ENTRA_AUTHORITY_HOST: entra.url,
    GRAPH_URL: graph.url,
    SHAREPOINT_SITE_ID: graph.siteId,
    SHAREPOINT_SITE_URL: graph.siteUrl,
    SHAREPOINT_SALARY_GROUP_ID: HR_SALARY_GROUP,
  };
  const client = () =>
    appGraph({
      tenantId: DEMO_TENANT_ID,
      ...app,
      authorityHost: entra.url,
      graphUrl: graph.url,
      logger: createLogger('silent'),
    });
  return {
    entra,
    graph,
    env,
    certFile: tls.certFile,
    appGraph: client,
    provision: () =>
      provisionLibraries(client(), {
        siteId: graph.siteId,
        siteUrl: graph.siteUrl,
        library: RECORD_LIBRARY,
        salaryLibrary: SALARY_LIBRARY,
        salaryGroupId: HR_SALARY_GROUP,
      }),
    async close() {
      await graph.close();
      await entra.close();
    },
  };
}

/**
 * Puts a copy into the record library the way Samtale archived before the salary library: uploaded,
 * given its fields, and shared item by item with the parties (Punkt 4 also dropping HR for the salary
 * group), which gives it a unique permission scope. For the migration's tests.
 */
export async function archiveTheOldWay(
  fakes: SharePointFakes,
  token: string,
  copy: {
    path: string;
    bytes: Uint8Array;
    fields: Record<string, unknown>;
    parties: string[];
    salary: boolean;
  },
): Promise<FakeItem> {
  const drive = fakes.graph.list(RECORD_LIBRARY)!.driveId;
  const call = async (method: string, path: string, body: Uint8Array | object, type = 'application/json') => {
    const res = await fetch(`${fakes.graph.url}/v1.0/drives/${drive}/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const up = await call('PUT', `root:/${copy.path}:/content`, copy.bytes, 'application/pdf');
  await call('PATCH', `items/${up.id}/listItem/fields`, copy.fields);
  await call('POST', `items/${up.id}/invite`, {
    recipients: [...copy.parties, ...(copy.salary ? [HR_SALARY_GROUP] : [])].map((objectId) => ({
      objectId,
    })),
    roles: ['read'],
    requireSignIn: true,
    sendInvitation: false,
    retainInheritedPermissions: !copy.salary,
  });
  return fakes.graph.itemByPath(copy.path, RECORD_LIBRARY)!;
}
