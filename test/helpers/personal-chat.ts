// A user's personal chat with the bot, as Teams would post it to /api/messages: activities with the
// user's identity, to the app under test, with replies going to the Bot Connector fake.
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '../../src/seed/demo-organisation.ts';

/** Reads the app's URL and the fake's service URL when called: both start in beforeAll. */
export function personalChat(urls: () => { app: string; serviceUrl: string }) {
  const chat = (oid: string) => `a:personal-${oid}`;
  const activity = (oid: string, over: Record<string, unknown>) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: urls().serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'nb-NO',
    from: { id: `29:${oid}`, aadObjectId: oid, name: oid },
    recipient: { id: '28:samtale-bot', name: 'Samtale' },
    conversation: { id: chat(oid), conversationType: 'personal', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    ...over,
  });
  const post = async (body: unknown) => {
    const res = await fetch(`${urls().app}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
  /** A card's Action.Execute, as Teams invokes it. */
  const execute = (oid: string, verb: string, data: Record<string, unknown>) =>
    post(
      activity(oid, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data } },
      }),
    );
  return { chat, activity, post, execute };
}
