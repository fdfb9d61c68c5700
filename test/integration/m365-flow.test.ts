// m365 mode, started against the fakes of the tenant (Entra ID, Graph, Bot Connector) on loopback:
// Teams SSO tokens validated by the production verifier, the organisation from the Graph directory,
// the record archived to SharePoint, the same conversation flow as local mode through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { conversationAt } from '../helpers/factory.ts';
import { DEMO, startTestApp, waitForArchiving, type Client, type TestApp } from '../helpers/harness.ts';
import { CATALOG_APP_ID, startM365Fakes, type M365Fakes } from '../helpers/m365.ts';
import { sweepReminders } from '../../src/usecases/sweep-reminders.ts';
import { sendReminder } from '../../src/usecases/send-reminder.ts';

for (const backend of await backends()) {
  describe(`m365 mode against the tenant fakes (${backend.name})`, () => {
    let fakes: M365Fakes;
    let t: TestApp;
    let ola: Client;
    let per: Client;
    // Real time, moved forward on demand past the directory cache's bounded age.
    let skew = 0;
    beforeAll(async () => {
      fakes = await startM365Fakes();
      t = await startTestApp(backend, fakes.env, {
        token: (oid) => fakes.token(oid),
        clock: { now: () => new Date(Date.now() + skew) },
      });
      ola = await t.as(DEMO.ola);
      per = await t.as(DEMO.per);
    });
    afterAll(async () => {
      await t?.close();
      await fakes?.close();
    });

    it('knows the signed-in user, their leader, unit and direct reports from Entra ID', async () => {
      const me = await ola<{
        name: string;
        unit: { name: string } | null;
        manager: { name: string } | null;
        directReports: { name: string }[];
      }>('GET', '/api/me');
      expect(me.status).toBe(200);
      expect(me.body.name).toBe('Ola Hansen');
      expect(me.body.manager?.name).toBe('Kari Nordmann');
      expect(me.body.unit?.name).toBe('Oppvekst og kultur');
      expect(me.body.directReports.map((r) => r.name).sort()).toEqual(['Per Johansen', 'Silje Larsen']);
      // The directory came by a delta round, asking only for the fields used (the round's links carry them).
      const rounds = fakes.graph.directoryRequests.filter((r) => r.path === '/users/delta');
      expect(rounds.length).toBeGreaterThan(0);
      for (const r of fakes.graph.directoryRequests.filter((r) => r.select.length > 0))
        expect(r.select.filter((f) => f !== 'id').sort()).toEqual(
          r.path === '/users/delta'
            ? ['accountEnabled', 'department', 'displayName', 'manager', 'userPrincipalName']
            : ['accountEnabled', 'department', 'displayName', 'userPrincipalName'],
        );
    });

    it(
      'runs a conversation from plan to a locked record, archived to SharePoint for the parties',
      { timeout: 60_000 },
      async () => {
        // Every step through the API as Entra-signed-in users; the factory stops at any refusal.
        const { id } = await conversationAt(t.as, 'signed', {
          period: '2031',
          preparation: [{ by: DEMO.per, fieldId: 'struktur-1', value: 'Min forberedelse.' }],
          record: [{ fieldId: 'struktur-2', value: 'Felles referat.' }],
        });
        expect(
          (
            await per('PUT', `/api/conversations/${id}/answers/struktur-2`, {
              value: 'Endret etterpå',
              baseVersion: 1,
            })
          ).status,
        ).toBe(409);
        await waitForArchiving(t);
        const [row] = await t.app.deps.store.archiveCopies(id);
        // The library's readers only: the parties read their copy through Samtale, not SharePoint.
        const item = fakes.graph.itemByPath(row!.path)!;
        expect(item.uniquePermissions).toBe(false);
        expect(item.permissions.map((p) => p.principal)).not.toContain(DEMO.per);
        const pdf = await fetch(`${t.url}/api/conversations/${id}/archive/record`, {
          headers: { authorization: `Bearer ${await t.token(DEMO.per)}` },
        });
        expect(pdf.status).toBe(200);
      },
    );

    it(
      'a leader change in Entra moves conversations not yet held; signed ones keep their leader',
      { timeout: 30_000 },
      async () => {
        const future = await ola<{ id: string }>('POST', '/api/conversations', {
          templateKey: 'medarbeidersamtale-10-faktor',
          employeeOid: DEMO.per,
          period: '2033',
        });
        expect(future.status).toBe(201);
        const signed = (
          await t.app.deps.store.conversationsInTenant({ tid: fakes.env.TENANT_ID!, period: '2031' })
        )[0]!;
        fakes.graph.updateUser(DEMO.per, { managerId: DEMO.ingrid });
        try {
          skew += 60_000;
          expect(await t.app.syncDirectory()).toMatchObject({ full: false, changed: 1, moved: 1 });
          expect((await t.app.deps.store.conversation(future.body.id))!.leaderOid).toBe(DEMO.ingrid);
          expect((await t.app.deps.store.conversation(signed.id))!.leaderOid).toBe(DEMO.ola);
          const audit = (await t.app.deps.store.auditTrail()).events.find(
            (e) => e.action === 'conversation.leader-changed',
          );
          expect(audit?.data).toEqual({ from: DEMO.ola, to: DEMO.ingrid });
        } finally {
          fakes.graph.updateUser(DEMO.per, { managerId: DEMO.ola });
          skew += 60_000;
          await t.app.syncDirectory();
        }
      },
    );

    it('app roles come from the token: HR sees completion figures, others do not', async () => {
      expect((await (await t.as(DEMO.hilde))('GET', '/api/hr/completion?period=2031')).status).toBe(200);
      expect((await per('GET', '/api/hr/completion?period=2031')).status).toBe(403);
      // Hilde without the role in her token is not HR, whatever the directory says.
      const plain = await fakes.token(DEMO.hilde, {});
      const noRole = await fakes.entra.mintUserToken(
        { oid: DEMO.hilde, roles: [] },
        { audience: `api://samtale.fjordvik.example/${fakes.env.CLIENT_ID}` },
      );
      expect((await t.call('GET', '/api/hr/completion?period=2031', { token: plain })).status).toBe(200);
      expect((await t.call('GET', '/api/hr/completion?period=2031', { token: noRole })).status).toBe(403);
    });

    it('a body or query naming another user is ignored: identity comes from the token only', async () => {
      const mine = await per<{ parties: { leader: { oid: string }; employee: { oid: string } } }[]>(
        'GET',
        `/api/conversations?oid=${DEMO.ola}&userId=${DEMO.ola}`,
      );
      if (mine.status === 200)
        for (const c of mine.body) expect([c.parties.leader.oid, c.parties.employee.oid]).toContain(DEMO.per);
      else expect(mine.status).toBe(400);
      // Per claims to be Ola in the body: refused (strict schema), and nothing is planned for Silje.
      const asOla = await per('POST', '/api/conversations', {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: DEMO.silje,
        period: '2032',
        leaderOid: DEMO.ola,
      });
      expect(asOla.status).toBe(400);
      const plain = await per('POST', '/api/conversations', {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: DEMO.silje,
        period: '2032',
      });
      expect(plain.status).toBe(403);
      expect((await t.call('GET', '/api/dev/users')).status).toBe(404);
    });

    it(
      'the bot: Bot Framework tokens in, app tokens out; install, hjelp and a reminder reach the chat',
      { timeout: 30_000 },
      async () => {
        const chat = 'a:m365-personal-per';
        const activity = (over: Record<string, unknown>) => ({
          id: crypto.randomUUID(),
          channelId: 'msteams',
          serviceUrl: fakes.connector.serviceUrl,
          from: { id: '29:per', aadObjectId: DEMO.per },
          recipient: { id: `28:${fakes.env.CLIENT_ID}` },
          conversation: { id: chat, conversationType: 'personal', tenantId: fakes.env.TENANT_ID },
          locale: 'nb-NO',
          ...over,
        });
        const post = async (body: object, token: string | null) =>
          (
            await fetch(`${t.url}/api/messages`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                ...(token ? { authorization: `Bearer ${token}` } : {}),
              },
              body: JSON.stringify(body),
            })
          ).status;
        const token = await fakes.botFramework.mint({ serviceurl: fakes.connector.serviceUrl });
        expect(await post(activity({ type: 'installationUpdate', action: 'add' }), null)).toBe(401);
        expect(await post(activity({ type: 'installationUpdate', action: 'add' }), token)).toBe(200);
        expect(await post(activity({ type: 'message', text: 'hjelp' }), token)).toBe(200);
        const received = fakes.connector.received
          .filter((r) => r.conversationId === chat)
          .map((r) => JSON.stringify(r.activity));
        expect(received).toHaveLength(2);
        expect(received[0]).toContain('Velkommen til Samtale');
        expect(received[1]).toContain('mine samtaler');
        expect(fakes.entra.requests.some((r) => r.scope === 'https://api.botframework.com/.default')).toBe(
          true,
        );

        // A proactive reminder goes out through the same authenticated connector.
        const day = new Date().toISOString().slice(0, 10);
        const id = `${fakes.env.TENANT_ID}:${DEMO.per}:${day}`;
        const message = {
          kind: 'follow-up' as const,
          key: `follow-up:${DEMO.per}:m365-test:${DEMO.per}`,
          tid: fakes.env.TENANT_ID!,
          recipientOid: DEMO.per,
          subject: DEMO.per,
          period: '2031-Q1',
          date: null,
          count: 2,
          role: null,
          templateKey: null,
        };
        expect(
          await t.app.bot.store.addToOutbox(
            { id, tid: fakes.env.TENANT_ID!, recipientOid: DEMO.per, day, messages: [message] },
            new Date().toISOString(),
          ),
        ).toBe(true);
        expect(await sendReminder(t.app.deps, t.app.bot, id)).toBe('sent');
        const last = fakes.connector.received.filter((r) => r.conversationId === chat).at(-1)!;
        expect(JSON.stringify(last.activity)).toContain('2 åpne oppfølgingspunkter');
        // Links lead into the personal tab in Teams.
        expect(JSON.stringify(last.activity)).toContain(
          `https://teams.microsoft.com/l/entity/${fakes.env.TEAMS_APP_ID}/mine-samtaler`,
        );
      },
    );

    it(
      'installs the app for people with a reminder due who never opened it: once a day, never after they removed it',
      { timeout: 30_000 },
      async () => {
        // Wednesday 10:00 in Oslo: inside the sending window. Ola plans a conversation with Silje on Friday.
        const wednesday = { ...t.app.deps, clock: { now: () => new Date('2026-12-02T09:00:00Z') } };
        expect(
          (
            await ola('POST', '/api/conversations', {
              templateKey: 'medarbeidersamtale-10-faktor',
              employeeOid: DEMO.silje,
              period: '2034',
              scheduledAt: '2026-12-04',
            })
          ).status,
        ).toBe(201);
        // Ola removed the app himself once: it is not installed for him again.
        await t.app.bot.store.removeReference(fakes.env.TENANT_ID!, DEMO.ola, new Date().toISOString());
        await sweepReminders(wednesday, t.app.bot);
        expect(fakes.graph.installs.map((i) => i.userId)).toEqual([DEMO.silje]);
        expect(fakes.graph.installs[0]!.appId).toBe(CATALOG_APP_ID);
        await sweepReminders(wednesday, t.app.bot);
        expect(fakes.graph.installs).toHaveLength(1);
        // Teams tells the bot about the installation; Silje's reminder then goes out in the next sweep.
        const token = await fakes.botFramework.mint({ serviceurl: fakes.connector.serviceUrl });
        const install = {
          id: crypto.randomUUID(),
          type: 'installationUpdate',
          action: 'add',
          channelId: 'msteams',
          serviceUrl: fakes.connector.serviceUrl,
          from: { id: '29:silje', aadObjectId: DEMO.silje },
          recipient: { id: `28:${fakes.env.CLIENT_ID}` },
          conversation: {
            id: 'a:m365-personal-silje',
            conversationType: 'personal',
            tenantId: fakes.env.TENANT_ID,
          },
          locale: 'nb-NO',
        };
        expect(
          (
            await fetch(`${t.url}/api/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify(install),
            })
          ).status,
        ).toBe(200);
        const ids = await sweepReminders(wednesday, t.app.bot);
        expect(ids.filter((id) => id.includes(DEMO.silje))).toHaveLength(1);
      },
    );

    const audience = () => `api://samtale.fjordvik.example/${fakes.env.CLIENT_ID}`;
    const matrix: [string, () => Promise<string>][] = [
      [
        'a wrong issuer',
        () =>
          fakes.entra.mintUserToken(
            { oid: DEMO.per },
            { audience: audience(), issuer: 'https://login.microsoftonline.com/another/v2.0' },
          ),
      ],
      [
        'a wrong tenant',
        () =>
          fakes.entra.mintUserToken(
            { oid: DEMO.per },
            { audience: audience(), tenantId: '11111111-2222-4333-8444-555555555555' },
          ),
      ],
      [
        'a wrong audience',
        () => fakes.entra.mintUserToken({ oid: DEMO.per }, { audience: 'api://someone-else/xyz' }),
      ],
      [
        'a Graph-audience token',
        () => fakes.entra.mintUserToken({ oid: DEMO.per }, { audience: 'https://graph.microsoft.com' }),
      ],
      [
        'a missing scope',
        () => fakes.entra.mintUserToken({ oid: DEMO.per }, { audience: audience(), scp: 'User.Read' }),
      ],
      [
        'an expired token',
        () => fakes.entra.mintUserToken({ oid: DEMO.per }, { audience: audience(), expiresIn: -600 }),
      ],
      [
        'a token not yet valid',
        () => fakes.entra.mintUserToken({ oid: DEMO.per }, { audience: audience(), notBefore: 600 }),
      ],
      [
        'alg none',
        () =>
          Promise.resolve(
            `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ tid: fakes.env.TENANT_ID, oid: DEMO.per, aud: audience(), scp: 'access_as_user', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url')}.`,
          ),
      ],
      [
        'HS256 with the public key',
        () => fakes.entra.mintUserToken({ oid: DEMO.per }, { audience: audience(), alg: 'HS256' }),
      ],
      [
        'an unknown kid',
        () =>
          fakes.entra.mintUserToken(
            { oid: DEMO.per },
            { audience: audience(), kid: 'not-published', foreignKey: true },
          ),
      ],
    ];
    for (const [name, mint] of matrix) {
      it(`rejects ${name} with 401`, async () => {
        expect((await t.call('GET', '/api/me', { token: await mint() })).status).toBe(401);
      });
    }
    it('accepts a valid token, for the client id as audience too', async () => {
      expect(
        (
          await t.call('GET', '/api/me', {
            token: await fakes.entra.mintUserToken({ oid: DEMO.per }, { audience: audience() }),
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.call('GET', '/api/me', {
            token: await fakes.entra.mintUserToken({ oid: DEMO.per }, { audience: fakes.env.CLIENT_ID! }),
          })
        ).status,
      ).toBe(200);
    });
  });
}
