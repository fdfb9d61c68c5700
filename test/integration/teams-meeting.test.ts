// The conversation's Teams meeting, against the tenant's fakes: Samtale exchanges the leader's Teams
// SSO token on-behalf-of at Entra for a delegated Graph token (Calendars.ReadWrite), and creates, moves
// and cancels the event in the leader's calendar through /me/events, the employee invited. The event
// carries the deep link, never the conversation's content; without consent, or with Graph away, the
// plan is saved all the same and the answer says why there is no meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeEvent } from '../fakes/graph.ts';
import { backends } from '../helpers/backends.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, startTestApp, type Client, type TestApp } from '../helpers/harness.ts';
import { APP_ID_URI, SAMTALE_APP, TEAMS_APP_ID, startM365Fakes, type M365Fakes } from '../helpers/m365.ts';
import { meetingChatId } from '../../src/domain/meeting.ts';

const OBO = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SECRET_PREPARATION = 'Per vil snakke om lønna og om kollegaen sin';

interface Planned {
  id: string;
  scheduledAt: string | null;
  scheduledTime: string | null;
  durationMinutes: number | null;
  meeting: { result: string; problem: string | null } | null;
}

const all = await backends();
const [pglite] = all;

for (const backend of all)
  describe(`the Teams meeting in the leader’s calendar (m365 fakes, ${backend.name})`, () => {
    let fakes: M365Fakes;
    let t: TestApp;
    let ola: Client;
    let per: Client;
    let kari: Client;
    const eventsOf = (oid: string) => [...fakes.graph.events.values()].filter((e) => e.organizer === oid);
    const only = (before: number): FakeEvent => {
      const all = eventsOf(DEMO.ola);
      expect(all.length).toBe(before + 1);
      return all.at(-1)!;
    };

    beforeAll(async () => {
      fakes = await startM365Fakes();
      t = await startTestApp(backend, fakes.env, { token: (oid) => fakes.token(oid) });
      ola = await t.as(DEMO.ola);
      per = await t.as(DEMO.per);
      kari = await t.as(DEMO.kari);
    });
    afterAll(async () => {
      await t?.close();
      await fakes?.close();
    });

    it('plans with a time and creates the meeting as the leader, on their behalf, the employee invited', async () => {
      const before = eventsOf(DEMO.ola).length;
      const obo = fakes.entra.requests.filter((r) => r.grant === OBO).length;
      const plan = await ola<Planned>('POST', path('planConversation'), {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: DEMO.per,
        period: '2031',
        scheduledAt: '2031-01-20',
        scheduledTime: '14:00',
        durationMinutes: 45,
        teamsMeeting: true,
      });
      expect(plan.status).toBe(201);
      expect(plan.body).toMatchObject({
        scheduledAt: '2031-01-20',
        scheduledTime: '14:00',
        durationMinutes: 45,
        meeting: { result: 'created', problem: null },
      });
      // The leader's own SSO token was exchanged on-behalf-of, for the calendar scope only.
      const exchanges = fakes.entra.requests.filter((r) => r.grant === OBO).slice(obo);
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]!.clientId).toBe(SAMTALE_APP.clientId);
      expect(exchanges[0]!.scope.split(' ')).toContain(`${fakes.graph.url}/Calendars.ReadWrite`);

      const event = only(before);
      expect(event.start).toEqual({ dateTime: '2031-01-20T14:00:00', timeZone: 'W. Europe Standard Time' });
      expect(event.end).toEqual({ dateTime: '2031-01-20T14:45:00', timeZone: 'W. Europe Standard Time' });
      const perUser = fakes.graph.directoryUser(DEMO.per)!;
      expect(event.attendees).toEqual([
        { emailAddress: { address: perUser.userPrincipalName, name: 'Per Johansen' }, type: 'required' },
      ]);
      expect(event.isOnlineMeeting).toBe(true);
      expect(event.onlineMeetingProvider).toBe('teamsForBusiness');
      expect(event.body.contentType).toBe('html');
      // The deep link into the Teams tab, to this conversation.
      const deepLink = `https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/mine-samtaler?context=${encodeURIComponent(JSON.stringify({ subEntityId: plan.body.id }))}`;
      expect(event.body.content).toContain(deepLink.replace(/&/g, '&#38;'));
      expect(event.body.content).toContain('20. januar 2031 kl. 14.00');

      // Both parties see the meeting; only the leader may move it, and it is in the leader's calendar.
      const asLeader = await ola<{
        booked: { joinUrl: string; inYourCalendar: boolean } | null;
        canReschedule: boolean;
      }>('GET', path('getConversationMeeting', { id: plan.body.id }));
      expect(asLeader.body).toMatchObject({ canReschedule: true, booked: { inYourCalendar: true } });
      expect(asLeader.body.booked!.joinUrl).toBe(event.joinUrl);
      const asEmployee = await per('GET', path('getConversationMeeting', { id: plan.body.id }));
      expect(asEmployee.body).toMatchObject({
        offered: true,
        canReschedule: false,
        canBook: false,
        booked: { inYourCalendar: false },
      });

      // A meeting tab in that meeting's chat finds the conversation, for its parties only.
      const chatId = meetingChatId(event.joinUrl)!;
      expect(chatId).toMatch(/^19:meeting_.+@thread\.v2$/);
      const q = `chatId=${encodeURIComponent(chatId)}`;
      expect((await per('GET', path('findMeetingConversation', {}, q))).body).toEqual({
        conversationId: plan.body.id,
      });
      expect((await kari('GET', path('findMeetingConversation', {}, q))).body).toEqual({
        conversationId: null,
      });
    });

    it('moves the event when the leader reschedules, and cancels it with the conversation', async () => {
      const before = eventsOf(DEMO.ola).length;
      const plan = await ola<Planned>('POST', path('planConversation'), {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: DEMO.silje,
        period: '2031',
        scheduledAt: '2031-02-03',
        scheduledTime: '10:00',
        teamsMeeting: true,
      });
      expect(plan.body.meeting).toEqual({ result: 'created', problem: null });
      const event = only(before);
      // Without a length given, an hour.
      expect(event.end.dateTime).toBe('2031-02-03T11:00:00');

      const silje = await t.as(DEMO.silje);
      const refused = await silje('PUT', path('rescheduleConversation', { id: plan.body.id }), {
        scheduledAt: '2031-02-05',
        scheduledTime: '09:30',
      });
      expect(refused.status).toBe(403);

      const moved = await ola<Planned>('PUT', path('rescheduleConversation', { id: plan.body.id }), {
        scheduledAt: '2031-02-05',
        scheduledTime: '09:30',
        durationMinutes: 90,
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        scheduledAt: '2031-02-05',
        scheduledTime: '09:30',
        durationMinutes: 90,
        meeting: { result: 'moved', problem: null },
      });
      expect(event.start.dateTime).toBe('2031-02-05T09:30:00');
      expect(event.end.dateTime).toBe('2031-02-05T11:00:00');
      expect(event.updates).toBe(1);
      expect(eventsOf(DEMO.ola)).toHaveLength(before + 1);

      const cancelled = await ola<Planned & { status: string }>(
        'POST',
        path('transitionConversation', { id: plan.body.id }),
        { transition: 'cancel' },
      );
      expect(cancelled.body.status).toBe('cancelled');
      expect(cancelled.body.meeting).toEqual({ result: 'cancelled', problem: null });
      expect(event.isCancelled).toBe(true);
      expect(event.cancelComment).toBe('Samtalen er avlyst i Samtale.');
      const after = await ola('GET', path('getConversationMeeting', { id: plan.body.id }));
      expect(after.body).toMatchObject({ booked: null, canReschedule: false });
    });

    it('puts no content of the conversation in the event, only when and where to find it', async () => {
      const { id } = await conversationAt(t.as, 'preparing', {
        employee: DEMO.per,
        period: '2032',
        preparation: [{ by: DEMO.per, fieldId: 'faktor-1-refleksjon', value: SECRET_PREPARATION }],
      });
      const timed = await ola<Planned>('PUT', path('rescheduleConversation', { id }), {
        scheduledAt: '2032-03-01',
        scheduledTime: '08:15',
      });
      expect(timed.body.meeting).toBeNull();
      const before = eventsOf(DEMO.ola).length;
      const booked = await ola<Planned>('POST', path('bookConversationMeeting', { id }));
      expect(booked.status).toBe(200);
      expect(booked.body.meeting).toEqual({ result: 'created', problem: null });
      const event = only(before);
      const text = JSON.stringify(event);
      expect(text).not.toContain(SECRET_PREPARATION);
      expect(text).not.toMatch(/lønn/i);
      expect(event.body.content).toContain(encodeURIComponent(JSON.stringify({ subEntityId: id })));
      // Booking twice is refused: there is a meeting already.
      const view = await ola('GET', path('getConversationMeeting', { id }));
      expect(view.body).toMatchObject({ canBook: false, booked: { inYourCalendar: true } });
    });

    it('waits out Graph’s Retry-After and then creates the meeting', async () => {
      const before = eventsOf(DEMO.ola).length;
      const seen = fakes.graph.calendarRequests.length;
      fakes.graph.throttleNext(1, 2);
      const started = Date.now();
      const plan = await ola<Planned>('POST', path('planConversation'), {
        templateKey: 'kontraktsamtale',
        employeeOid: DEMO.per,
        period: '2031',
        scheduledAt: '2031-04-01',
        scheduledTime: '13:00',
        teamsMeeting: true,
      });
      expect(plan.body.meeting).toEqual({ result: 'created', problem: null });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(fakes.graph.calendarRequests.slice(seen).map((r) => r.status)).toEqual([429, 201]);
      only(before);
    });

    it('keeps the plan when Graph keeps throttling, and says the calendar did not answer', async () => {
      const before = eventsOf(DEMO.ola).length;
      fakes.graph.throttleNext(10, 1);
      const plan = await ola<Planned>('POST', path('planConversation'), {
        templateKey: 'medarbeidersamtale-10-faktor',
        employeeOid: DEMO.silje,
        period: '2033',
        scheduledAt: '2033-01-10',
        scheduledTime: '12:00',
        teamsMeeting: true,
      });
      fakes.graph.throttleNext(0);
      expect(plan.status).toBe(201);
      expect(plan.body.meeting).toEqual({ result: 'failed', problem: 'MEETING_CALENDAR_UNAVAILABLE' });
      expect((await ola('GET', path('getConversation', { id: plan.body.id }))).status).toBe(200);
      expect(eventsOf(DEMO.ola)).toHaveLength(before);
    }, 30_000);

    it('without admin consent to Calendars.ReadWrite, saves the plan and says what the admin must consent to', async () => {
      fakes.entra.setDelegatedConsent(SAMTALE_APP.clientId, fakes.graph.url, []);
      // A new sign-in: a token already exchanged stays valid until it expires, consent or not.
      const token = await fakes.token(DEMO.ola, { expiresIn: 3000 });
      const ola = (method: string, p: string, body?: unknown) => t.call<Planned>(method, p, { token, body });
      try {
        const before = eventsOf(DEMO.ola).length;
        const plan = await ola('POST', path('planConversation'), {
          templateKey: 'kontraktsamtale',
          employeeOid: DEMO.silje,
          period: '2031',
          scheduledAt: '2031-05-01',
          scheduledTime: '09:00',
          teamsMeeting: true,
        });
        expect(plan.status).toBe(201);
        expect(plan.body.meeting).toEqual({ result: 'failed', problem: 'MEETING_CONSENT_REQUIRED' });
        expect((await ola('GET', path('getConversation', { id: plan.body.id }))).status).toBe(200);
        expect(eventsOf(DEMO.ola)).toHaveLength(before);

        // Asked again explicitly, the refusal is the answer, in the reader's language.
        for (const [lang, words] of [
          ['nb', /administratorsamtykke.*Calendars\.ReadWrite/],
          ['nn', /Ein administrator må gi administratorsamtykke.*Calendars\.ReadWrite/],
          ['en', /admin consent.*Calendars\.ReadWrite/],
        ] as const) {
          const r = await t.call<{ error: { code: string; message: string } }>(
            'POST',
            path('bookConversationMeeting', { id: plan.body.id }),
            { token, headers: { 'accept-language': lang } },
          );
          expect(r.status).toBe(403);
          expect(r.body.error.code).toBe('MEETING_CONSENT_REQUIRED');
          expect(r.body.error.message).toMatch(words);
        }
      } finally {
        fakes.entra.setDelegatedConsent(SAMTALE_APP.clientId, fakes.graph.url, ['Calendars.ReadWrite']);
      }
    });

    it('Entra refuses an on-behalf-of assertion that was not issued for Samtale’s API', async () => {
      const form = (assertion: string) =>
        new URLSearchParams({
          grant_type: OBO,
          requested_token_use: 'on_behalf_of',
          client_id: SAMTALE_APP.clientId,
          client_secret: SAMTALE_APP.clientSecret,
          assertion,
          scope: `${fakes.graph.url}/Calendars.ReadWrite`,
        });
      const post = (assertion: string) =>
        fetch(`${fakes.entra.url}/${fakes.entra.tenantId}/oauth2/v2.0/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form(assertion),
        });
      const good = await post(await fakes.token(DEMO.ola));
      expect(good.status).toBe(200);
      const { access_token } = (await good.json()) as { access_token: string };
      const claims = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      expect(claims).toMatchObject({ scp: 'Calendars.ReadWrite', oid: DEMO.ola, aud: fakes.graph.url });
      expect(claims.tid).toBe(fakes.entra.tenantId);
      for (const bad of [
        await fakes.token(DEMO.ola, { audience: 'api://someone-else/app' }),
        await fakes.token(DEMO.ola, { foreignKey: true, audience: APP_ID_URI }),
      ]) {
        const r = await post(bad);
        expect(r.status).toBe(400);
        expect(((await r.json()) as { error_description: string }).error_description).toMatch(/AADSTS50013/);
      }
    });
  });

describe('in local mode there is no Graph, and no meeting is offered', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(pglite!);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers no meeting, refuses one asked for, and still plans with a time', async () => {
    const ola = await t.as(DEMO.ola);
    const refused = await ola<{ error: { code: string } }>('POST', path('planConversation'), {
      templateKey: 'medarbeidersamtale-10-faktor',
      employeeOid: DEMO.per,
      period: '2034',
      scheduledAt: '2034-01-20',
      scheduledTime: '14:00',
      teamsMeeting: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('MEETING_NOT_OFFERED');
    const plan = await ola<Planned>('POST', path('planConversation'), {
      templateKey: 'medarbeidersamtale-10-faktor',
      employeeOid: DEMO.per,
      period: '2034',
      scheduledAt: '2034-01-20',
      scheduledTime: '14:00',
    });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({ scheduledTime: '14:00', durationMinutes: 60, meeting: null });
    const meeting = await ola('GET', path('getConversationMeeting', { id: plan.body.id }));
    expect(meeting.body).toEqual({ offered: false, canReschedule: true, canBook: false, booked: null });
    const moved = await ola<Planned>('PUT', path('rescheduleConversation', { id: plan.body.id }), {
      scheduledAt: '2034-01-21',
      scheduledTime: '15:30',
    });
    expect(moved.body).toMatchObject({ scheduledAt: '2034-01-21', scheduledTime: '15:30', meeting: null });
    const noDate = await ola('POST', path('planConversation'), {
      templateKey: 'kontraktsamtale',
      employeeOid: DEMO.per,
      period: '2034',
      scheduledTime: '14:00',
    });
    expect(noDate.status).toBe(400);
  });
});
