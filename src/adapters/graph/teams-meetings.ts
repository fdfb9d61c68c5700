// The leader's own calendar through Microsoft Graph, as the leader: the Teams SSO token the request was
// authenticated with is exchanged on-behalf-of (msal-node) for a delegated Graph token with
// Calendars.ReadWrite, and /me/events creates, moves and cancels the conversation's Teams meeting.
// The Graph client's retry middleware waits out Retry-After within a call; a gate of our own then holds
// that user's next calls too (Exchange throttles per mailbox, not per app, so the archive's gate is not
// shared with it).
import { InteractionRequiredAuthError } from '@azure/msal-node';
import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  type Client,
  GraphError,
  ResponseType,
  type Context,
  type Middleware,
  type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';
import { AppError } from '../../errors/catalogue.ts';
import type { Logger } from '../../logger.ts';
import type { MeetingCalendar, MeetingEvent, UserAssertion } from '../../ports.ts';
import { retryAfterSeconds } from '../retry-after.ts';
import { confidentialClient, graphClient, ThrottleGate } from './app-graph.ts';

export interface TeamsMeetingOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  graphUrl: string;
  logger: Logger;
}

/**
 * The Windows name of Norway's zone: Graph documents Windows zones (and a short list of IANA ones
 * without Europe/Oslo) for creating events. Same rules as Europe/Oslo (CET/CEST).
 */
export const OSLO_WINDOWS_ZONE = 'W. Europe Standard Time';

/** Whose call this is, so the gate holds the mailbox Graph told to wait. */
class CalendarUser implements MiddlewareOptions {
  readonly oid: string;
  constructor(oid: string) {
    this.oid = oid;
  }
}

class MailboxGate implements Middleware {
  private next: Middleware | undefined;
  private readonly gates = new Map<string, ThrottleGate>();
  setNext(next: Middleware): void {
    this.next = next;
  }
  private gate(context: Context): ThrottleGate | undefined {
    const user = context.middlewareControl?.getMiddlewareOptions(CalendarUser) as CalendarUser | undefined;
    if (!user) return undefined;
    let gate = this.gates.get(user.oid);
    if (!gate) this.gates.set(user.oid, (gate = new ThrottleGate()));
    return gate;
  }
  async execute(context: Context): Promise<void> {
    const gate = this.gate(context);
    await gate?.pass();
    await this.next?.execute(context);
    const res = context.response;
    if (gate && res && (res.status === 429 || res.status === 503))
      gate.holdFor(retryAfterSeconds(res.headers) ?? 1);
    // Only mailboxes told to wait keep a gate: the map does not grow with every leader who ever booked.
    const user = context.middlewareControl?.getMiddlewareOptions(CalendarUser) as CalendarUser | undefined;
    if (gate && user && gate.idle()) this.gates.delete(user.oid);
  }
}

const CONSENT = /AADSTS65001|consent_required|interaction_required/i;

export function teamsMeetingCalendar(opts: TeamsMeetingOptions): MeetingCalendar {
  const msal = confidentialClient(opts);
  const graphUrl = new URL(opts.graphUrl);
  const scope = `${graphUrl.origin}/Calendars.ReadWrite`;

  /** A delegated Graph token for the user (msal caches it per assertion until it expires). */
  async function tokenFor(asUser: UserAssertion): Promise<string> {
    try {
      const result = await msal.acquireTokenOnBehalfOf({ oboAssertion: asUser.token, scopes: [scope] });
      if (!result?.accessToken) throw new Error('no delegated token');
      return result.accessToken;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // No consent to Calendars.ReadWrite for this app (AADSTS65001): only an admin can fix that.
      if (e instanceof InteractionRequiredAuthError || CONSENT.test(message)) {
        opts.logger.warn('no consent for Calendars.ReadWrite (on-behalf-of)', { user: asUser.oid });
        throw new AppError('MEETING_CONSENT_REQUIRED');
      }
      opts.logger.warn('on-behalf-of exchange failed', { user: asUser.oid, error: message });
      throw new AppError('MEETING_CALENDAR_UNAVAILABLE');
    }
  }

  const client = graphClient(
    graphUrl,
    new AuthenticationHandler({
      getAccessToken: () => Promise.reject(new Error('a calendar call carries its user token')),
    }),
    new MailboxGate(),
  );

  async function call<T>(
    asUser: UserAssertion,
    path: string,
    send: (r: ReturnType<Client['api']>) => Promise<T>,
  ) {
    const token = await tokenFor(asUser);
    const request = client
      .api(path)
      .middlewareOptions([
        new AuthenticationHandlerOptions({ getAccessToken: () => Promise.resolve(token) }),
        new CalendarUser(asUser.oid),
      ]);
    try {
      return await send(request);
    } catch (e) {
      if (e instanceof AppError) throw e;
      const status = e instanceof GraphError ? e.statusCode : 0;
      opts.logger.warn('calendar call failed', { user: asUser.oid, path, status });
      if (status === 404) throw new AppError('MEETING_NOT_FOUND');
      // A token without the delegated permission: consent was withdrawn or never given for this scope.
      if (status === 401 || status === 403) throw new AppError('MEETING_CONSENT_REQUIRED');
      throw new AppError('MEETING_CALENDAR_UNAVAILABLE');
    }
  }

  const at = (dateTime: string) => ({ dateTime, timeZone: OSLO_WINDOWS_ZONE });

  return {
    async create(asUser, event: MeetingEvent) {
      const created = (await call(asUser, '/me/events', (r) =>
        r.post({
          subject: event.subject,
          body: { contentType: 'html', content: event.bodyHtml },
          start: at(event.start),
          end: at(event.end),
          attendees: [
            { emailAddress: { address: event.attendee.email, name: event.attendee.name }, type: 'required' },
          ],
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          allowNewTimeProposals: true,
          transactionId: event.transactionId,
        }),
      )) as { id?: unknown; onlineMeeting?: { joinUrl?: unknown } | null };
      if (typeof created.id !== 'string') throw new AppError('MEETING_CALENDAR_UNAVAILABLE');
      const joinUrl = created.onlineMeeting?.joinUrl;
      return { eventId: created.id, joinUrl: typeof joinUrl === 'string' ? joinUrl : null };
    },
    async move(asUser, eventId, slot) {
      await call(asUser, `/me/events/${encodeURIComponent(eventId)}`, (r) =>
        r.patch({ start: at(slot.start), end: at(slot.end) }),
      );
    },
    async cancel(asUser, eventId, comment) {
      // 202 Accepted, without a body.
      await call(asUser, `/me/events/${encodeURIComponent(eventId)}/cancel`, (r) =>
        r.responseType(ResponseType.TEXT).post({ comment }),
      );
    },
  };
}
