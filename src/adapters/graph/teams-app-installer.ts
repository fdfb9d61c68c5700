// Installs Samtale for a person through Graph, so reminders reach people who never opened the app.
// Teams then sends the bot its installationUpdate, and the chat is stored as for any install.
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { AppInstaller } from '../../ports.ts';
import type { AppGraph } from './app-graph.ts';

export function teamsAppInstaller(graph: AppGraph, teamsAppId: string): AppInstaller {
  // The app's id in the organisation's catalog differs from the manifest id (its externalId).
  let catalogId: Promise<string> | null = null;
  const catalog = () => {
    catalogId ??= (async () => {
      const res = (await graph.client
        .api('/appCatalogs/teamsApps')
        .filter(`externalId eq '${teamsAppId}'`)
        .select('id')
        .get()) as { value: { id: string }[] };
      const id = res.value[0]?.id;
      if (!id)
        throw new Error(
          `the Teams app ${teamsAppId} is not in the organisation's app catalog; upload the package first`,
        );
      return id;
    })();
    catalogId.catch(() => (catalogId = null));
    return catalogId;
  };
  return {
    async install(_tid, oid) {
      try {
        const app = await catalog();
        await graph.client
          .api(`/users/${encodeURIComponent(oid)}/teamwork/installedApps`)
          .post({ 'teamsApp@odata.bind': `${graph.baseUrl}/appCatalogs/teamsApps/${app}` });
        return { outcome: 'installed', detail: null };
      } catch (e) {
        if (e instanceof GraphError && e.statusCode === 409) return { outcome: 'already', detail: null };
        return { outcome: 'failed', detail: e instanceof Error ? e.message.slice(0, 300) : String(e) };
      }
    },
  };
}
