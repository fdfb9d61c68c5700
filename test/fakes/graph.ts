// A protocol-level fake of the parts of Microsoft Graph the SharePoint archive uses, over HTTPS:
// lists and columns, drive item upload (simple and upload session), listItem fields, invite,
// permissions and retention labels, plus SharePoint REST (views, rendering a view, role inheritance
// and role assignments of lists and items, ensureuser). It enforces SharePoint's limits on a library:
// 50 000 unique permission scopes (a warning past 5 000), and the list view threshold (a query that
// filters, sorts or groups on a column without an index over more than 5 000 items). It checks the app-only
// token as Graph would (signature, issuer, audience, roles, the Sites.Selected grant), rejects
// malformed payloads with Graph's error shape, charges SharePoint resource units per request against
// a per-window budget (429 + Retry-After when spent), and can inject 503s and dropped connections.
// For a user (a delegated token with `scp`), /me/events creates, moves and cancels Teams meetings in
// that user's own calendar, with Graph's payload shapes and its refusals.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { jwtVerify, type CryptoKey } from 'jose';
import { testTls } from './tls.ts';

export interface FakePermission {
  id: string;
  roles: string[];
  principal: string;
  inherited: boolean;
}

export interface FakeItem {
  id: string;
  /** The list item's id (an integer in SharePoint), as SharePoint REST names the item. */
  listItemId: number;
  driveId: string;
  path: string;
  bytes: Buffer;
  fields: Record<string, string | number | boolean>;
  /** What applies: the item's own when it has unique permissions, else its library's, inherited. */
  readonly permissions: FakePermission[];
  /** The item's own permissions (a unique scope), when it has them. */
  own: FakePermission[];
  uniquePermissions: boolean;
  retentionLabel: string | null;
  /** Times content was written to this path: 1 means archived exactly once. */
  writes: number;
  /** When the first read grant (invite) landed. */
  sharedAt: number | null;
  /** When the fields first carried a checksum: the copy is complete from then on. */
  completedAt: number | null;
}

interface ColumnDef {
  name: string;
  kind: 'text' | 'dateTime' | 'choice' | 'number';
  indexed: boolean;
  choices?: string[];
}

interface FakeList {
  id: string;
  displayName: string;
  driveId: string;
  columns: Map<string, ColumnDef>;
  views: Map<string, { title: string; fields: string[]; query: string }>;
  /** False while the library inherits the site's permissions. */
  uniquePermissions: boolean;
  /** The library's own readers (principal ids), when it has unique permissions. */
  readers: string[];
  nextItemId: number;
}

export interface FakeUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  department: string | null;
  managerId: string | null;
  accountEnabled?: boolean;
}

/** An event in one user's calendar, as /me/events keeps it. */
export interface FakeEvent {
  id: string;
  /** The mailbox (user oid) that holds it: only they reach it through /me. */
  organizer: string;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  attendees: { emailAddress: { address: string; name?: string }; type: string }[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string | null;
  joinUrl: string | null;
  transactionId: string | null;
  isCancelled: boolean;
  cancelComment: string | null;
  /** Times the event was changed (PATCH). */
  updates: number;
}

export interface GraphFakeOptions {
  /** The organisation's Teams app catalog: the app's catalog id and its manifest id (externalId). */
  catalog?: { id: string; externalId: string }[];
  /** The tenant's people, for /users, manager and directReports. */
  directory?: FakeUser[];
  tenantId: string;
  entraPublicKey: CryptoKey;
  /** App id -> its Sites.Selected role on the site (`write`, `manage`, `fullcontrol`). */
  siteGrants: Record<string, 'read' | 'write' | 'manage' | 'fullcontrol'>;
  /** Entra object ids the directory knows (users and groups); invite refuses anything else. */
  principals: Set<string>;
  /** The archive site's readers: every library inherits them until it breaks inheritance. */
  libraryReaders: string[];
  budget?: { resourceUnits: number; windowMs: number };
  /** Share of requests (0–1) answered with a 503 or a dropped connection, before or after acting. */
  faultRate?: number;
  simpleUploadLimit?: number;
  /** People per page of a /users/delta round (Graph chooses its own; about 200). */
  deltaPageSize?: number;
}

export interface GraphFake {
  url: string;
  siteId: string;
  siteUrl: string;
  lists: Map<string, FakeList>;
  items: Map<string, FakeItem>;
  itemByPath(path: string, library?: string): FakeItem | undefined;
  /** A retention label that declares items records: SharePoint then refuses to delete them. */
  declareRecordLabel(name: string): void;
  /** A library by name. */
  list(name: string): FakeList | undefined;
  /** Items with permissions of their own in a library: SharePoint's unique scopes. */
  uniqueScopes(library: string): number;
  /** What SharePoint would warn an administrator of (unique scopes past the recommended 5 000). */
  warnings: string[];
  /**
   * Copies already in a library from earlier years, as archived without item permissions: for the
   * limits of a large library, without uploading each one.
   */
  fill(library: string, n: number, fields: (i: number) => Record<string, string>): void;
  /** Apps installed for people through /users/{id}/teamwork/installedApps. */
  installs: { userId: string; appId: string }[];
  /** A person in the fake directory (read only: change them with updateUser, so delta rounds see it). */
  directoryUser(id: string): Readonly<FakeUser> | undefined;
  /** Changes a person as Entra would: the next delta round reports the changed fields only. */
  updateUser(id: string, patch: Partial<Omit<FakeUser, 'id'>>): void;
  addUser(u: FakeUser): void;
  /** Deletes a person: the next delta round reports them as removed. */
  removeUser(id: string): void;
  /** Forgets every delta round's state, as Entra does after a while: their links then answer 410. */
  expireDeltaLinks(): void;
  /** Every directory request with the fields it asked for. */
  directoryRequests: { path: string; select: string[] }[];
  /** Events in users' calendars, by id (created through /me/events). */
  events: Map<string, FakeEvent>;
  /** Every /me/events request as it arrived (method and path), throttled ones too. */
  calendarRequests: { method: string; path: string; status: number }[];
  stats: {
    requests: number;
    throttled: number;
    faults: number;
    resourceUnits: number;
    windowStart: number;
    firstWindowStart: number;
  };
  setFaultRate(rate: number): void;
  /**
   * The next n requests are throttled (429 with Retry-After), whatever the budget: Graph also throttles
   * for reasons of its own (a busy tenant, a busy service), and a client must wait just the same.
   */
  throttleNext(n: number, retryAfterSeconds?: number): void;
  setBudget(budget: { resourceUnits: number; windowMs: number } | undefined): void;
  /** Holds every request unanswered until release(): a backlog builds up, then meets the budget. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

class GraphHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const CHUNK_UNIT = 320 * 1024;
/** SharePoint's limits on one list or library. */
const UNIQUE_SCOPES_MAX = 50_000;
const UNIQUE_SCOPES_RECOMMENDED = 5_000;
const LIST_VIEW_THRESHOLD = 5_000;
const READER_ROLE = { Id: 1073741826, Name: 'Read', RoleTypeKind: 2 };
const COLUMN_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(body: Buffer): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* falls through */
  }
  throw new GraphHttpError(
    400,
    'BadRequest',
    'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export async function startGraphFake(opts: GraphFakeOptions): Promise<GraphFake> {
  const tls = testTls();
  const siteId = `fjordvik.sharepoint.com,${randomUUID()},${randomUUID()}`;
  const lists = new Map<string, FakeList>();
  const recordLabels = new Set<string>();
  const items = new Map<string, FakeItem>();
  const sessions = new Map<
    string,
    {
      driveId: string;
      path: string;
      conflict: string;
      total: number | null;
      received: Buffer[];
      next: number;
    }
  >();
  const directoryRequests: { path: string; select: string[] }[] = [];
  // The directory's change log for delta rounds: every change gets the next version; each field
  // remembers the version it last changed in, so an incremental round carries what changed only.
  const people = opts.directory ?? [];
  const byId = new Map(people.map((u) => [u.id, u]));
  let version = 0;
  let deltaEpoch = 0;
  const created = new Map<string, number>(people.map((u) => [u.id, 0]));
  const fieldVersions = new Map<string, Map<string, number>>();
  const removedManagers = new Map<string, string>();
  const tombstones = new Map<string, number>();
  const installs: { userId: string; appId: string }[] = [];
  const stats = {
    requests: 0,
    throttled: 0,
    faults: 0,
    resourceUnits: 0,
    windowStart: 0,
    firstWindowStart: 0,
  };
  let faultRate = opts.faultRate ?? 0;
  let budget = opts.budget;
  let windowUsed = 0;
  let forcedThrottle = { left: 0, seconds: 1 };
  const simpleLimit = opts.simpleUploadLimit ?? 4 * 1024 * 1024;
  let origin = '';

  const listByDrive = (driveId: string) => {
    for (const l of lists.values()) if (l.driveId === driveId) return l;
    throw new GraphHttpError(404, 'itemNotFound', 'The resource could not be found.');
  };
  const byPath = new Map<string, FakeItem>();
  const pathKey = (driveId: string, path: string) => `${driveId}\n${path}`;
  const itemAt = (driveId: string, path: string) => byPath.get(pathKey(driveId, path));
  const warnings: string[] = [];
  const sitePrincipals = new Map<number, string>();
  const siteUserId = (principal: string) => {
    for (const [id, p] of sitePrincipals) if (p === principal) return id;
    const id = sitePrincipals.size + 7;
    sitePrincipals.set(id, principal);
    return id;
  };
  const listOf = (i: FakeItem) => listByDrive(i.driveId);
  const uniqueScopes = (list: FakeList) => {
    let n = 0;
    for (const i of items.values()) if (i.driveId === list.driveId && i.uniquePermissions) n += 1;
    return n;
  };
  /** Breaking an item's inheritance is refused past the library's limit, and warned of past the recommended. */
  const breakInheritance = (item: FakeItem, copy: boolean) => {
    if (item.uniquePermissions) return;
    const list = listOf(item);
    const scopes = uniqueScopes(list);
    if (scopes >= UNIQUE_SCOPES_MAX)
      throw new GraphHttpError(
        400,
        'invalidRequest',
        'You cannot break inheritance for this item because there are too many items with unique permissions in this list.',
      );
    if (scopes + 1 > UNIQUE_SCOPES_RECOMMENDED && !warnings.some((w) => w.startsWith(list.displayName)))
      warnings.push(
        `${list.displayName}: more than ${UNIQUE_SCOPES_RECOMMENDED} items with unique permissions (SharePoint recommends at most ${UNIQUE_SCOPES_RECOMMENDED})`,
      );
    item.own = copy ? item.permissions.map((p) => ({ ...p, id: randomUUID(), inherited: true })) : [];
    item.uniquePermissions = true;
  };
  const libraryReaders = (list: FakeList) => (list.uniquePermissions ? list.readers : opts.libraryReaders);
  const driveItem = (i: FakeItem, expandFields: boolean) => ({
    id: i.id,
    name: i.path.split('/').at(-1),
    size: i.bytes.length,
    file: { mimeType: 'application/pdf' },
    webUrl: `${origin}/sites/archive/${encodeURI(listByDrive(i.driveId).displayName)}/${encodeURI(i.path)}`,
    parentReference: {
      driveId: i.driveId,
      path: `/drives/${i.driveId}/root:/${i.path.split('/').slice(0, -1).join('/')}`,
    },
    ...(expandFields ? { listItem: { id: String(i.listItemId), fields: { ...i.fields } } } : {}),
  });
  const permissionJson = (p: FakePermission) => ({
    id: p.id,
    roles: p.roles,
    grantedToV2: { [opts.principals.has(p.principal) ? 'user' : 'group']: { id: p.principal } },
    ...(p.inherited ? { inheritedFrom: { driveId: 'library' } } : {}),
  });

  const writeItem = (driveId: string, path: string, bytes: Buffer, conflict: string): FakeItem => {
    const list = listByDrive(driveId);
    const existing = itemAt(driveId, path);
    if (existing && conflict === 'fail')
      throw new GraphHttpError(409, 'nameAlreadyExists', 'The specified item name already exists.');
    if (existing && conflict === 'rename')
      throw new GraphHttpError(400, 'invalidRequest', 'rename is not supported by this fake');
    if (existing) {
      existing.bytes = bytes;
      existing.writes += 1;
      return existing;
    }
    return newItem(list, path, bytes);
  };
  const newItem = (list: FakeList, path: string, bytes: Buffer): FakeItem => {
    const item: FakeItem = {
      id: randomUUID().replace(/-/g, '').toUpperCase().slice(0, 26),
      listItemId: list.nextItemId++,
      driveId: list.driveId,
      path,
      bytes,
      fields: { Title: path.split('/').at(-1) ?? '' },
      get permissions(): FakePermission[] {
        return this.uniquePermissions
          ? this.own
          : libraryReaders(list).map((principal) => ({
              id: `inherited-${principal}`,
              roles: ['read'],
              principal,
              inherited: true,
            }));
      },
      own: [],
      uniquePermissions: false,
      retentionLabel: null,
      writes: 1,
      sharedAt: null,
      completedAt: null,
    };
    items.set(item.id, item);
    byPath.set(pathKey(list.driveId, path), item);
    return item;
  };

  const cost = (method: string, path: string, query: URLSearchParams) => {
    if (
      path.endsWith('/invite') ||
      path.includes('/permissions') ||
      /roleinheritance|roleassignments/i.test(path) ||
      (query.get('$select') ?? '').includes('HasUniqueRoleAssignments') ||
      (query.get('$expand') ?? '').includes('permissions')
    )
      return 5;
    if (path.startsWith('/upload/') || path.startsWith('/v1.0/me/')) return 0;
    // Published SharePoint costs: one item 1, a collection 2, any write 2, permissions 5.
    if (method === 'GET') return /\/(lists|columns|views)$/.test(path) ? 2 : 1;
    return 2;
  };

  async function authorize(
    req: IncomingMessage,
    audience: string,
    need: 'site' | 'directory' | 'install' = 'site',
  ): Promise<string> {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer '))
      throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    try {
      const { payload } = await jwtVerify(header.slice(7), opts.entraPublicKey, {
        issuer: `https://sts.windows.net/${opts.tenantId}/`,
        audience,
        algorithms: ['RS256'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles : [];
      const appid = typeof payload.appid === 'string' ? payload.appid : '';
      if (payload.tid !== opts.tenantId)
        throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token tenant does not match.');
      if (need === 'install') {
        if (!roles.includes('TeamsAppInstallation.ReadWriteSelfForUser.All'))
          throw new GraphHttpError(
            403,
            'Forbidden',
            'Missing role permissions on the request. TeamsAppInstallation.ReadWriteSelfForUser.All is required.',
          );
        return appid;
      }
      if (need === 'directory') {
        if (!roles.includes('User.Read.All') && !roles.includes('Directory.Read.All'))
          throw new GraphHttpError(
            403,
            'Authorization_RequestDenied',
            'Insufficient privileges to complete the operation.',
          );
        return appid;
      }
      if (!roles.includes('Sites.Selected') && !roles.includes('Lists.SelectedOperations.Selected'))
        throw new GraphHttpError(
          403,
          'accessDenied',
          'Either scp or roles claim need to be present in the token.',
        );
      // Sites.Selected grants nothing until a site admin grants the app a role on this site.
      if (!opts.siteGrants[appid])
        throw new GraphHttpError(
          403,
          'accessDenied',
          'Access denied: the app has no Sites.Selected grant on this site.',
        );
      return appid;
    } catch (e) {
      if (e instanceof GraphHttpError) throw e;
      throw new GraphHttpError(
        401,
        'InvalidAuthenticationToken',
        `Access token validation failure: ${(e as Error).message}`,
      );
    }
  }
  const needs = (appid: string, level: 'write' | 'manage' | 'fullcontrol') => {
    const order = ['read', 'write', 'manage', 'fullcontrol'];
    const has = opts.siteGrants[appid];
    if (!has || order.indexOf(has) < order.indexOf(level))
      throw new GraphHttpError(
        403,
        'accessDenied',
        `Access denied: the app needs the ${level} role on this site (Sites.Selected).`,
      );
  };

  // ---- /me/events: a user's own calendar, with a delegated token ----
  const events = new Map<string, FakeEvent>();
  const calendarRequests: { method: string; path: string; status: number }[] = [];
  /** Graph documents Windows zones and a list of IANA ones for events (Europe/Oslo is not on it). */
  const EVENT_ZONES = new Set([
    'UTC',
    'W. Europe Standard Time',
    'Romance Standard Time',
    'Central Europe Standard Time',
    'GMT Standard Time',
    'Europe/Berlin',
    'Europe/Paris',
    'Europe/London',
    'Etc/GMT',
  ]);
  const EVENT_PROPERTIES = new Set([
    'subject',
    'body',
    'start',
    'end',
    'attendees',
    'isOnlineMeeting',
    'onlineMeetingProvider',
    'allowNewTimeProposals',
    'transactionId',
    'location',
    'showAs',
    'reminderMinutesBeforeStart',
    'isReminderOn',
  ]);
  const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/;

  /** A delegated token for Graph with a calendar scope; the user it acts for. */
  async function delegatedUser(req: IncomingMessage, write: boolean): Promise<string> {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer '))
      throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(header.slice(7), opts.entraPublicKey, {
        issuer: `https://sts.windows.net/${opts.tenantId}/`,
        audience: origin,
        algorithms: ['RS256'],
      }));
    } catch (e) {
      throw new GraphHttpError(
        401,
        'InvalidAuthenticationToken',
        `Access token validation failure: ${(e as Error).message}`,
      );
    }
    if (payload.tid !== opts.tenantId)
      throw new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token tenant does not match.');
    const scp = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    // An app-only token has no user: /me means nothing to it.
    if (scp.length === 0 || typeof payload.oid !== 'string')
      throw new GraphHttpError(
        400,
        'BadRequest',
        '/me request is only valid with delegated authentication flow.',
      );
    const enough = write
      ? scp.includes('Calendars.ReadWrite')
      : scp.includes('Calendars.ReadWrite') || scp.includes('Calendars.Read');
    if (!enough)
      throw new GraphHttpError(
        403,
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
      );
    return payload.oid;
  }

  const dateTimeTimeZone = (v: unknown, name: string) => {
    if (!isRecord(v) || typeof v.dateTime !== 'string' || typeof v.timeZone !== 'string')
      throw new GraphHttpError(
        400,
        'ErrorInvalidRequest',
        `${name} must be a dateTimeTimeZone: { dateTime, timeZone }.`,
      );
    if (!LOCAL_DATE_TIME.test(v.dateTime))
      throw new GraphHttpError(400, 'ErrorInvalidRequest', `${name}.dateTime is not a valid date-time.`);
    if (!EVENT_ZONES.has(v.timeZone))
      throw new GraphHttpError(
        400,
        'TimeZoneNotSupportedException',
        `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${v.timeZone}'.`,
      );
    return { dateTime: v.dateTime, timeZone: v.timeZone };
  };
  const checkProperties = (b: Record<string, unknown>) => {
    for (const k of Object.keys(b))
      if (!EVENT_PROPERTIES.has(k))
        throw new GraphHttpError(
          400,
          'RequestBodyRead',
          `The property '${k}' does not exist on type 'microsoft.graph.event'.`,
        );
  };
  const eventJson = (e: FakeEvent) => ({
    id: e.id,
    subject: e.subject,
    body: e.body,
    start: e.start,
    end: e.end,
    attendees: e.attendees.map((a) => ({ ...a, status: { response: 'none', time: '0001-01-01T00:00:00Z' } })),
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider ?? 'unknown',
    onlineMeeting: e.joinUrl ? { joinUrl: e.joinUrl } : null,
    isCancelled: e.isCancelled,
    transactionId: e.transactionId,
    organizer: {
      emailAddress: {
        address: byId.get(e.organizer)?.userPrincipalName ?? '',
        name: byId.get(e.organizer)?.displayName ?? '',
      },
    },
  });
  /** Only the mailbox's own events are reachable through /me. */
  const ownEvent = (oid: string, id: string) => {
    const e = events.get(id);
    if (!e || e.organizer !== oid || e.isCancelled)
      throw new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return e;
  };

  async function calendarRoute(req: IncomingMessage, path: string, body: Buffer) {
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;
    if (path === '/me/events' && method === 'POST') {
      const oid = await delegatedUser(req, true);
      const b = json(body);
      checkProperties(b);
      if (typeof b.subject !== 'string')
        throw new GraphHttpError(400, 'ErrorInvalidRequest', 'subject must be a string.');
      const content = b.body;
      if (
        !isRecord(content) ||
        (content.contentType !== 'text' && content.contentType !== 'html') ||
        typeof content.content !== 'string'
      )
        throw new GraphHttpError(
          400,
          'ErrorInvalidRequest',
          'body must be an itemBody: { contentType: text|html, content }.',
        );
      const start = dateTimeTimeZone(b.start, 'start');
      const end = dateTimeTimeZone(b.end, 'end');
      if (end.dateTime <= start.dateTime)
        throw new GraphHttpError(400, 'ErrorInvalidRequest', 'The end of an event must be after its start.');
      const attendees = b.attendees ?? [];
      if (
        !Array.isArray(attendees) ||
        !attendees.every(
          (a) =>
            isRecord(a) &&
            isRecord(a.emailAddress) &&
            typeof a.emailAddress.address === 'string' &&
            /^[^@\s]+@[^@\s]+$/.test(a.emailAddress.address) &&
            ['required', 'optional', 'resource'].includes(String(a.type)),
        )
      )
        throw new GraphHttpError(
          400,
          'ErrorInvalidRequest',
          'attendees must be { emailAddress: { address, name }, type }.',
        );
      const provider = b.onlineMeetingProvider ?? 'teamsForBusiness';
      if (
        typeof provider !== 'string' ||
        !['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown'].includes(provider)
      )
        throw new GraphHttpError(
          400,
          'ErrorInvalidRequest',
          `onlineMeetingProvider ${JSON.stringify(provider)} is not valid.`,
        );
      const transactionId = typeof b.transactionId === 'string' ? b.transactionId : null;
      // A client retrying a create with the same transactionId gets the event it already made.
      const again = transactionId
        ? [...events.values()].find((e) => e.organizer === oid && e.transactionId === transactionId)
        : undefined;
      if (again) return { status: 201, body: eventJson(again) };
      const online = b.isOnlineMeeting === true;
      const thread = `19:meeting_${randomUUID().replace(/-/g, '')}@thread.v2`;
      const event: FakeEvent = {
        id: `AAMk${randomUUID().replace(/-/g, '')}`,
        organizer: oid,
        subject: b.subject,
        body: { contentType: content.contentType, content: content.content },
        start,
        end,
        attendees: (attendees as FakeEvent['attendees']).map((a) => ({
          emailAddress: { ...a.emailAddress },
          type: a.type,
        })),
        isOnlineMeeting: online,
        onlineMeetingProvider: online ? provider : null,
        joinUrl: online
          ? `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0?context=${encodeURIComponent(JSON.stringify({ Tid: opts.tenantId, Oid: oid }))}`
          : null,
        transactionId,
        isCancelled: false,
        cancelComment: null,
        updates: 0,
      };
      events.set(event.id, event);
      return { status: 201, body: eventJson(event) };
    }
    if ((m = /^\/me\/events\/([^/]+)$/.exec(path)) && method === 'PATCH') {
      const oid = await delegatedUser(req, true);
      const e = ownEvent(oid, m[1]!);
      const b = json(body);
      checkProperties(b);
      const start = b.start === undefined ? e.start : dateTimeTimeZone(b.start, 'start');
      const end = b.end === undefined ? e.end : dateTimeTimeZone(b.end, 'end');
      if (end.dateTime <= start.dateTime)
        throw new GraphHttpError(400, 'ErrorInvalidRequest', 'The end of an event must be after its start.');
      Object.assign(e, { start, end });
      if (typeof b.subject === 'string') e.subject = b.subject;
      e.updates += 1;
      return { status: 200, body: eventJson(e) };
    }
    if ((m = /^\/me\/events\/([^/]+)\/cancel$/.exec(path)) && method === 'POST') {
      const oid = await delegatedUser(req, true);
      const e = ownEvent(oid, m[1]!);
      const b = body.length > 0 ? json(body) : {};
      if (b.comment !== undefined && typeof b.comment !== 'string')
        throw new GraphHttpError(400, 'ErrorInvalidRequest', 'comment must be a string.');
      e.isCancelled = true;
      e.cancelComment = typeof b.comment === 'string' ? b.comment : null;
      return { status: 202 };
    }
    if ((m = /^\/me\/events\/([^/]+)$/.exec(path)) && method === 'GET') {
      const oid = await delegatedUser(req, false);
      return { status: 200, body: eventJson(ownEvent(oid, m[1]!)) };
    }
    throw new GraphHttpError(400, 'BadRequest', `Unsupported request: ${method} ${path}`);
  }

  async function route(
    req: IncomingMessage,
    url: URL,
    body: Buffer,
  ): Promise<{ status: number; body?: unknown }> {
    const method = req.method ?? 'GET';
    const p = decodeURIComponent(url.pathname);
    let m: RegExpExecArray | null;

    // Upload session chunks: pre-authenticated URL, must not carry a bearer token.
    if ((m = /^\/upload\/([\w-]+)$/.exec(p)) && method === 'PUT') {
      if (req.headers.authorization)
        throw new GraphHttpError(
          401,
          'unauthenticated',
          'The upload URL is pre-authenticated; do not send an Authorization header.',
        );
      const s = sessions.get(m[1]!);
      if (!s) throw new GraphHttpError(404, 'itemNotFound', 'The upload session was not found.');
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
      if (!range) throw new GraphHttpError(400, 'invalidRange', 'A valid Content-Range header is required.');
      const [from, to, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
      if (from !== s.next)
        throw new GraphHttpError(416, 'invalidRange', `Expected a fragment starting at ${s.next}.`);
      if (to - from + 1 !== body.length)
        throw new GraphHttpError(400, 'invalidRange', 'Content-Range does not match the body length.');
      if (to + 1 < total && body.length % CHUNK_UNIT !== 0)
        throw new GraphHttpError(
          400,
          'invalidRange',
          'Fragments must be a multiple of 320 KiB, except the last.',
        );
      s.total = total;
      s.received.push(body);
      s.next = to + 1;
      if (s.next < total) return { status: 202, body: { nextExpectedRanges: [`${s.next}-`] } };
      sessions.delete(m[1]!);
      const item = writeItem(s.driveId, s.path, Buffer.concat(s.received), s.conflict);
      return { status: 201, body: driveItem(item, false) };
    }

    // SharePoint REST on lists and items: role inheritance and assignments, rendering a view.
    if ((m = /^\/sites\/archive\/_api\/web\/(.+)$/.exec(p)) && !/\/views(\/add)?$/.test(p)) {
      const appid = await authorize(req, origin);
      return siteRestRoute(appid, method, m[1]!, body);
    }
    // SharePoint REST views (the site's own API, audience = the SharePoint origin).
    if ((m = /^\/sites\/archive\/_api\/web\/lists\(guid'([\w-]+)'\)\/views(\/add)?$/.exec(p))) {
      const appid = await authorize(req, origin);
      const list = lists.get(m[1]!);
      if (!list) throw new GraphHttpError(404, 'itemNotFound', 'List does not exist.');
      if (method === 'GET' && !m[2])
        return {
          status: 200,
          body: {
            value: [...list.views.values()].map((v) => ({
              Title: v.title,
              ViewQuery: v.query,
              ViewFields: v.fields,
            })),
          },
        };
      if (method === 'POST' && m[2]) {
        needs(appid, 'manage');
        const params = json(body).parameters;
        if (
          !isRecord(params) ||
          typeof params.Title !== 'string' ||
          !Array.isArray(params.ViewFields) ||
          typeof params.Query !== 'string'
        )
          throw new GraphHttpError(
            400,
            'invalidRequest',
            'parameters.Title, ViewFields and Query are required.',
          );
        for (const f of params.ViewFields)
          if (
            typeof f !== 'string' ||
            (!list.columns.has(f) && !['LinkFilename', 'Title', 'Modified'].includes(f))
          )
            throw new GraphHttpError(
              400,
              'invalidRequest',
              `Field '${String(f)}' does not exist in the list.`,
            );
        if (list.views.has(params.Title))
          throw new GraphHttpError(409, 'nameAlreadyExists', 'A view with this name already exists.');
        list.views.set(params.Title, {
          title: params.Title,
          fields: params.ViewFields.map(String),
          query: params.Query,
        });
        return { status: 200, body: { Title: params.Title } };
      }
    }

    if (!p.startsWith('/v1.0/'))
      throw new GraphHttpError(400, 'BadRequest', 'Invalid version: the path must start with /v1.0/.');
    if ((m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(p)) && req.method === 'POST') {
      await authorize(req, origin, 'install');
      const b = json(body);
      const bind = typeof b['teamsApp@odata.bind'] === 'string' ? b['teamsApp@odata.bind'] : '';
      const app = /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1];
      if (!app || !(opts.catalog ?? []).some((c) => c.id === app))
        throw new GraphHttpError(
          400,
          'BadRequest',
          'teamsApp@odata.bind must reference an app in the catalog.',
        );
      if (!byId.has(m[1]!)) throw new GraphHttpError(404, 'NotFound', 'User not found.');
      if (installs.some((i) => i.userId === m![1] && i.appId === app))
        throw new GraphHttpError(409, 'Conflict', 'The app is already installed for this user.');
      installs.push({ userId: m[1]!, appId: app });
      return { status: 201 };
    }
    if (p === '/v1.0/appCatalogs/teamsApps' && req.method === 'GET') {
      await authorize(req, origin, 'install');
      const external = /^externalId eq '([^']+)'$/.exec(url.searchParams.get('$filter') ?? '')?.[1];
      return {
        status: 200,
        body: {
          value: (opts.catalog ?? [])
            .filter((c) => !external || c.externalId === external)
            .map((c) => ({
              id: c.id,
              externalId: c.externalId,
              displayName: 'Samtale',
              distributionMethod: 'organization',
            })),
        },
      };
    }
    if (p === '/v1.0/me' || p.startsWith('/v1.0/me/'))
      return calendarRoute(req, p.slice('/v1.0'.length), body);
    if (/^\/v1\.0\/users(\/|$)/.test(p)) return directoryRoute(req, url, p.slice('/v1.0'.length));
    const appid = await authorize(req, origin);
    const rest = p.slice('/v1.0'.length);

    if ((m = /^\/sites\/([^/]+)\/lists$/.exec(rest))) {
      if (m[1] !== siteId) throw new GraphHttpError(404, 'itemNotFound', 'Requested site could not be found');
      if (method === 'GET')
        return {
          status: 200,
          body: {
            value: [...lists.values()].map((l) => ({
              id: l.id,
              displayName: l.displayName,
              list: { template: 'documentLibrary' },
            })),
          },
        };
      if (method === 'POST') {
        needs(appid, 'manage');
        const b = json(body);
        if (typeof b.displayName !== 'string' || !isRecord(b.list) || b.list.template !== 'documentLibrary')
          throw new GraphHttpError(400, 'invalidRequest', 'displayName and list.template are required.');
        if ([...lists.values()].some((l) => l.displayName === b.displayName))
          throw new GraphHttpError(
            409,
            'nameAlreadyExists',
            'A list, survey, discussion board, or document library with the specified title already exists in this Web site.',
          );
        const list: FakeList = {
          id: randomUUID(),
          displayName: b.displayName,
          driveId: `b!${randomUUID().replace(/-/g, '')}`,
          columns: new Map(),
          views: new Map(),
          uniquePermissions: false,
          readers: [],
          nextItemId: 1,
        };
        for (const c of Array.isArray(b.columns) ? b.columns : []) addColumn(list, c);
        lists.set(list.id, list);
        return { status: 201, body: { id: list.id, displayName: list.displayName } };
      }
    }
    if ((m = /^\/sites\/([^/]+)\/lists\/([\w-]+)\/(columns|drive)$/.exec(rest))) {
      const list = m[1] === siteId ? lists.get(m[2]!) : undefined;
      if (!list) throw new GraphHttpError(404, 'itemNotFound', 'The requested list could not be found.');
      if (m[3] === 'drive' && method === 'GET')
        return { status: 200, body: { id: list.driveId, driveType: 'documentLibrary' } };
      if (m[3] === 'columns' && method === 'GET')
        return {
          status: 200,
          body: {
            value: [...list.columns.values()].map((c) => ({
              name: c.name,
              indexed: c.indexed,
              [c.kind]: {},
            })),
          },
        };
      if (m[3] === 'columns' && method === 'POST') {
        needs(appid, 'manage');
        const c = addColumn(list, json(body));
        return { status: 201, body: { name: c.name } };
      }
    }

    // Drive items by path: simple upload, upload session, read.
    if ((m = /^\/drives\/([^/]+)\/root:\/(.+?):?\/(content|createUploadSession)$/.exec(rest))) {
      if (method !== 'GET') needs(appid, 'write');
      const [driveId, path, op] = [m[1]!, m[2]!, m[3]!];
      if (path.includes('..') || /[<>:"|?*]/.test(path))
        throw new GraphHttpError(400, 'invalidRequest', 'The path contains characters that are not allowed.');
      if (op === 'content' && method === 'GET') {
        const item = itemAt(driveId, path);
        if (!item) throw new GraphHttpError(404, 'itemNotFound', 'The resource could not be found.');
        return { status: 200, body: item.bytes };
      }
      if (op === 'content' && method === 'PUT') {
        if (body.length > simpleLimit)
          throw new GraphHttpError(
            413,
            'requestTooLarge',
            'Simple upload is limited to 4 MB; use an upload session.',
          );
        const item = writeItem(
          driveId,
          path,
          body,
          url.searchParams.get('@microsoft.graph.conflictBehavior') ?? 'replace',
        );
        return { status: 201, body: driveItem(item, false) };
      }
      if (op === 'createUploadSession' && method === 'POST') {
        const b = json(body);
        const conflict = isRecord(b.item) ? b.item['@microsoft.graph.conflictBehavior'] : undefined;
        if (conflict !== undefined && conflict !== 'fail' && conflict !== 'replace' && conflict !== 'rename')
          throw new GraphHttpError(400, 'invalidRequest', 'Invalid conflict behavior.');
        listByDrive(driveId);
        if (conflict === 'fail' && itemAt(driveId, path))
          throw new GraphHttpError(409, 'nameAlreadyExists', 'The specified item name already exists.');
        const id = randomUUID();
        sessions.set(id, {
          driveId,
          path,
          conflict: typeof conflict === 'string' ? conflict : 'replace',
          total: null,
          received: [],
          next: 0,
        });
        // A different host name than the API, like SharePoint's upload URLs, so no token is attached.
        return {
          status: 200,
          body: {
            uploadUrl: `${origin.replace('127.0.0.1', 'localhost')}/upload/${id}`,
            expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
            nextExpectedRanges: ['0-'],
          },
        };
      }
    }
    if ((m = /^\/drives\/([^/]+)\/root:\/(.+)$/.exec(rest)) && method === 'GET') {
      const item = itemAt(m[1]!, m[2]!);
      if (!item) throw new GraphHttpError(404, 'itemNotFound', 'The resource could not be found.');
      return {
        status: 200,
        body: driveItem(item, (url.searchParams.get('$expand') ?? '').includes('listItem')),
      };
    }
    if ((m = /^\/drives\/([^/]+)\/items\/([^/]+)$/.exec(rest)) && method === 'DELETE') {
      needs(appid, 'write');
      const item = items.get(m[2]!);
      if (!item || item.driveId !== m[1])
        throw new GraphHttpError(404, 'itemNotFound', 'The resource could not be found.');
      if (item.retentionLabel !== null && recordLabels.has(item.retentionLabel))
        throw new GraphHttpError(
          403,
          'accessDenied',
          `The item is a record under the retention label "${item.retentionLabel}" and cannot be deleted.`,
        );
      items.delete(item.id);
      byPath.delete(pathKey(item.driveId, item.path));
      return { status: 204 };
    }
    if (
      (m =
        /^\/drives\/([^/]+)\/items\/([^/]+)\/(content|listItem\/fields|invite|permissions|retentionLabel)$/.exec(
          rest,
        ))
    ) {
      const item = items.get(m[2]!);
      if (!item || item.driveId !== m[1])
        throw new GraphHttpError(404, 'itemNotFound', 'The resource could not be found.');
      const op = m[3]!;
      if (op === 'content' && method === 'GET') return { status: 200, body: item.bytes };
      if (op === 'permissions' && method === 'GET')
        return { status: 200, body: { value: item.permissions.map(permissionJson) } };
      if (op === 'listItem/fields' && method === 'PATCH') {
        needs(appid, 'write');
        const list = listByDrive(item.driveId);
        const b = json(body);
        for (const [k, v] of Object.entries(b)) {
          const col = list.columns.get(k);
          if (k !== 'Title' && !col)
            throw new GraphHttpError(400, 'invalidRequest', `Field '${k}' is not recognized`);
          if (typeof v !== 'string' && typeof v !== 'number')
            throw new GraphHttpError(400, 'invalidRequest', `Invalid value for field '${k}'.`);
          if (col?.kind === 'dateTime' && (typeof v !== 'string' || !ISO_DATE.test(v)))
            throw new GraphHttpError(
              400,
              'invalidRequest',
              `Field '${k}' needs a date (yyyy-mm-dd or an ISO 8601 UTC time).`,
            );
          if (col?.kind === 'choice' && !col.choices?.includes(String(v)))
            throw new GraphHttpError(
              400,
              'invalidRequest',
              `'${String(v)}' is not a choice of field '${k}'.`,
            );
        }
        Object.assign(item.fields, b);
        if (typeof b.sjekksum === 'string') item.completedAt ??= Date.now();
        return { status: 200, body: { ...item.fields } };
      }
      if (op === 'invite' && method === 'POST') {
        needs(appid, 'fullcontrol');
        const b = json(body);
        const recipients = b.recipients;
        if (!Array.isArray(recipients) || recipients.length === 0)
          throw new GraphHttpError(400, 'invalidRequest', 'recipients is required.');
        if (
          !Array.isArray(b.roles) ||
          b.roles.length === 0 ||
          !b.roles.every((r) => r === 'read' || r === 'write')
        )
          throw new GraphHttpError(400, 'invalidRequest', 'roles must be read or write.');
        if (b.requireSignIn !== true && b.sendInvitation !== true)
          throw new GraphHttpError(
            400,
            'invalidRequest',
            'At least one of requireSignIn or sendInvitation must be true.',
          );
        const ids: string[] = [];
        for (const r of recipients) {
          const id = isRecord(r) ? r.objectId : undefined;
          if (typeof id !== 'string')
            throw new GraphHttpError(
              400,
              'invalidRequest',
              'Each recipient needs an objectId (or email/alias, which this fake does not resolve).',
            );
          if (!opts.principals.has(id) && !opts.libraryReaders.includes(id))
            throw new GraphHttpError(400, 'invalidRequest', 'One or more users could not be resolved.');
          ids.push(id);
        }
        // An invite gives the item a unique scope of its own (keeping a copy of what it inherited, or not).
        breakInheritance(item, b.retainInheritedPermissions !== false);
        item.sharedAt ??= Date.now();
        const granted: FakePermission[] = [];
        for (const id of ids) {
          let perm = item.own.find((x) => x.principal === id && !x.inherited);
          if (!perm)
            item.own.push(
              (perm = {
                id: randomUUID(),
                roles: [...(b.roles as string[])],
                principal: id,
                inherited: false,
              }),
            );
          granted.push(perm);
        }
        return { status: 200, body: { value: granted.map(permissionJson) } };
      }
      if (op === 'retentionLabel' && method === 'PATCH') {
        needs(appid, 'write');
        const b = json(body);
        if (typeof b.name !== 'string' || b.name.length === 0)
          throw new GraphHttpError(400, 'invalidRequest', 'name is required.');
        item.retentionLabel = b.name;
        return { status: 200, body: { name: b.name } };
      }
    }
    throw new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${rest}'.`);
  }

  // The directory: users with paging ($top, $skiptoken), manager, directReports and $select.
  const userJson = (u: FakeUser, select: string[], expandManager: boolean) => {
    const all: Record<string, unknown> = {
      id: u.id,
      displayName: u.displayName,
      userPrincipalName: u.userPrincipalName,
      department: u.department,
      accountEnabled: u.accountEnabled ?? true,
      mail: u.userPrincipalName,
      jobTitle: 'Rådgiver',
      officeLocation: 'Rådhuset',
    };
    const out: Record<string, unknown> =
      select.length > 0 ? Object.fromEntries(select.map((k) => [k, all[k] ?? null])) : all;
    if (expandManager) {
      const m = u.managerId ? byId.get(u.managerId) : undefined;
      if (m) out.manager = { '@odata.type': '#microsoft.graph.user', id: m.id };
    }
    return out;
  };
  async function directoryRoute(
    req: IncomingMessage,
    url: URL,
    rest: string,
  ): Promise<{ status: number; body?: unknown }> {
    await authorize(req, origin, 'directory');
    if (req.method !== 'GET')
      throw new GraphHttpError(405, 'Request_BadRequest', 'Only GET is supported here.');
    const select = (url.searchParams.get('$select') ?? '').split(',').filter(Boolean);
    directoryRequests.push({ path: rest, select });
    const expand = url.searchParams.get('$expand') ?? '';
    if (expand && !/^manager(\(\$select=id\))?$/.test(expand))
      throw new GraphHttpError(400, 'Request_BadRequest', `Unsupported $expand: ${expand}`);
    const page = (list: FakeUser[]) => {
      const top = Math.min(Number(url.searchParams.get('$top') ?? 100), 999);
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const slice = list.slice(skip, skip + top);
      const next =
        skip + top < list.length
          ? `${origin}/v1.0${rest}?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), $skiptoken: String(skip + top) }).toString()}`
          : undefined;
      return {
        status: 200,
        body: {
          value: slice.map((u) => userJson(u, select, expand.startsWith('manager'))),
          ...(next ? { '@odata.nextLink': next } : {}),
        },
      };
    };
    let m: RegExpExecArray | null;
    if (rest === '/users/delta' || rest === '/users/microsoft.graph.delta') return deltaRound(url, select);
    if (rest === '/users') return page(people);
    if ((m = /^\/users\/([^/]+)\/directReports(\/microsoft\.graph\.user)?$/.exec(rest))) {
      if (!byId.has(m[1]!))
        throw new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${m[1]}' does not exist.`);
      return page(people.filter((u) => u.managerId === m![1]));
    }
    if ((m = /^\/users\/([^/]+)$/.exec(rest))) {
      const u = byId.get(m[1]!);
      if (!u)
        throw new GraphHttpError(
          404,
          'Request_ResourceNotFound',
          `Resource '${m[1]}' does not exist or one of its queried reference-property objects are not present.`,
        );
      return { status: 200, body: userJson(u, select, expand.startsWith('manager')) };
    }
    throw new GraphHttpError(400, 'Request_BadRequest', `Unsupported directory request ${rest}`);
  }

  /** Graph's names for a person's fields, as $select asks for them. */
  const FIELD_OF: Record<string, keyof FakeUser> = {
    displayName: 'displayName',
    userPrincipalName: 'userPrincipalName',
    department: 'department',
    accountEnabled: 'accountEnabled',
    manager: 'managerId',
  };
  /**
   * /users/delta: a round is pages of the people changed after the round's starting version and up to
   * the version when it began (a full round: everyone), then a deltaLink for the next round. The
   * $select of the first request is carried in the links, as Graph does; a link from before
   * expireDeltaLinks() answers 410 resyncRequired.
   */
  function deltaRound(url: URL, select: string[]): { status: number; body?: unknown } {
    const skip = url.searchParams.get('$skiptoken');
    const delta = url.searchParams.get('$deltatoken');
    type Token = { since: number; upTo: number; offset: number; select: string[]; epoch: number };
    const read = (t: string): Token => {
      try {
        return JSON.parse(Buffer.from(t, 'base64url').toString()) as Token;
      } catch {
        throw new GraphHttpError(400, 'badRequest', 'The delta token is not valid.');
      }
    };
    const token: Token = skip
      ? read(skip)
      : delta
        ? { ...read(delta), offset: 0 }
        : { since: -1, upTo: version, offset: 0, select, epoch: deltaEpoch };
    if (delta) {
      token.since = token.upTo;
      token.upTo = version;
    }
    if (token.epoch !== deltaEpoch)
      throw new GraphHttpError(
        410,
        'resyncRequired',
        "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd.",
      );
    if ((skip || delta) && select.length > 0)
      throw new GraphHttpError(
        400,
        'badRequest',
        'Query parameters are carried in the link; do not add them again.',
      );
    const full = token.since < 0;
    const fields = token.select.filter((f) => f !== 'id');
    const changedIn = (id: string) => {
      const c = created.get(id) ?? 0;
      if (full || c > token.since) return c <= token.upTo ? fields : [];
      const fv = fieldVersions.get(id);
      return fields.filter((f) => {
        const v = fv?.get(FIELD_OF[f] ?? f);
        return v !== undefined && v > token.since && v <= token.upTo;
      });
    };
    const entries: Record<string, unknown>[] = [];
    for (const u of people) {
      const changed = changedIn(u.id);
      if (changed.length === 0) continue;
      const out: Record<string, unknown> = { id: u.id };
      for (const f of changed) {
        if (f === 'manager') {
          const gone = removedManagers.get(u.id);
          if (u.managerId)
            out['manager@delta'] = [{ '@odata.type': '#microsoft.graph.user', id: u.managerId }];
          else if (!full && gone)
            out['manager@delta'] = [
              { '@odata.type': '#microsoft.graph.user', id: gone, '@removed': { reason: 'deleted' } },
            ];
        } else
          out[f] = f === 'accountEnabled' ? (u.accountEnabled ?? true) : (u[FIELD_OF[f] ?? 'id'] ?? null);
      }
      entries.push(out);
    }
    if (!full)
      for (const [id, v] of tombstones)
        if (v > token.since && v <= token.upTo) entries.push({ id, '@removed': { reason: 'deleted' } });
    const size = opts.deltaPageSize ?? 200;
    const slice = entries.slice(token.offset, token.offset + size);
    const link = (t: Token, key: '$skiptoken' | '$deltatoken') =>
      `${origin}/v1.0/users/delta?${key}=${Buffer.from(JSON.stringify(t)).toString('base64url')}`;
    return {
      status: 200,
      body: {
        '@odata.context':
          'https://graph.microsoft.com/v1.0/$metadata#users(displayName,userPrincipalName,department,accountEnabled,manager)',
        value: slice,
        ...(token.offset + size < entries.length
          ? { '@odata.nextLink': link({ ...token, offset: token.offset + size }, '$skiptoken') }
          : { '@odata.deltaLink': link({ ...token, offset: 0 }, '$deltatoken') }),
      },
    };
  }

  /** SharePoint REST under /_api/web: what provisioning and the permission migration call. */
  function siteRestRoute(
    appid: string,
    method: string,
    path: string,
    body: Buffer,
  ): { status: number; body?: unknown } {
    let m: RegExpExecArray | null;
    if (path === 'ensureuser' && method === 'POST') {
      needs(appid, 'manage');
      const logon = json(body).logonName;
      const id =
        typeof logon === 'string' ? /^c:0t\.c\|tenant\|([0-9a-f-]{36})$/.exec(logon)?.[1] : undefined;
      if (!id || !opts.principals.has(id))
        throw new GraphHttpError(404, 'notFound', 'The specified user could not be found.');
      return { status: 200, body: { Id: siteUserId(id), LoginName: logon, PrincipalType: 4 } };
    }
    if ((m = /^roledefinitions\/getbytype\((\d+)\)$/.exec(path)) && method === 'GET') {
      if (m[1] !== String(READER_ROLE.RoleTypeKind))
        throw new GraphHttpError(400, 'invalidRequest', 'Only the Reader role is known to this fake.');
      return { status: 200, body: READER_ROLE };
    }
    if (!(m = /^lists\(guid'([\w-]+)'\)(.*)$/.exec(path)))
      throw new GraphHttpError(404, 'notFound', `Unsupported SharePoint REST call: ${path}`);
    const list = lists.get(m[1]!);
    if (!list) throw new GraphHttpError(404, 'notFound', 'List does not exist.');
    const tail = m[2]!;
    if (tail === '' && method === 'GET')
      return {
        status: 200,
        body: { Title: list.displayName, HasUniqueRoleAssignments: list.uniquePermissions },
      };
    if (
      (m = /^\/breakroleinheritance\(copyRoleAssignments=(true|false),clearSubscopes=(true|false)\)$/.exec(
        tail,
      ))
    ) {
      needs(appid, 'fullcontrol');
      if (!list.uniquePermissions) {
        list.uniquePermissions = true;
        list.readers = m[1] === 'true' ? [...opts.libraryReaders] : [];
      }
      return { status: 200 };
    }
    if (tail === '/roleassignments' && method === 'GET')
      return {
        status: 200,
        body: { value: libraryReaders(list).map((p) => ({ PrincipalId: siteUserId(p) })) },
      };
    if ((m = /^\/roleassignments\/addroleassignment\(principalid=(\d+),roledefid=(\d+)\)$/.exec(tail))) {
      needs(appid, 'fullcontrol');
      const principal = sitePrincipals.get(Number(m[1]));
      if (!principal || Number(m[2]) !== READER_ROLE.Id)
        throw new GraphHttpError(400, 'invalidRequest', 'Unknown principal or role definition.');
      if (!list.uniquePermissions)
        throw new GraphHttpError(
          400,
          'invalidRequest',
          'This operation is not allowed on an object that inherits permissions.',
        );
      if (!list.readers.includes(principal)) list.readers.push(principal);
      return { status: 200 };
    }
    if ((m = /^\/items\((\d+)\)(\/resetroleinheritance)?$/.exec(tail))) {
      const id = Number(m[1]);
      const item = [...items.values()].find((i) => i.driveId === list.driveId && i.listItemId === id);
      if (!item) throw new GraphHttpError(404, 'notFound', 'Item does not exist.');
      if (m[2] && method === 'POST') {
        needs(appid, 'fullcontrol');
        item.uniquePermissions = false;
        item.own = [];
        return { status: 200 };
      }
      if (!m[2] && method === 'GET')
        return { status: 200, body: { Id: id, HasUniqueRoleAssignments: item.uniquePermissions } };
    }
    if (tail === '/RenderListDataAsStream' && method === 'POST') {
      const params = json(body).parameters;
      const viewXml = isRecord(params) && typeof params.ViewXml === 'string' ? params.ViewXml : '';
      const query = /<Query>([\s\S]*)<\/Query>/.exec(viewXml)?.[1] ?? '';
      const named = [...query.matchAll(/<FieldRef Name="([^"]+)"/g)].map((x) => x[1]!);
      const inList = [...items.values()].filter((i) => i.driveId === list.driveId);
      // The list view threshold: over 5 000 items, a query may only touch indexed columns.
      const unindexed = named.filter((n) => !list.columns.get(n)?.indexed);
      if (inList.length > LIST_VIEW_THRESHOLD && unindexed.length > 0)
        throw new GraphHttpError(
          500,
          'Microsoft.SharePoint.SPQueryThrottledException',
          'The attempted operation is prohibited because it exceeds the list view threshold.',
        );
      const limit = Number(/<RowLimit[^>]*>(\d+)<\/RowLimit>/.exec(viewXml)?.[1] ?? 30);
      return {
        status: 200,
        body: { Row: inList.slice(0, limit).map((i) => ({ ID: String(i.listItemId), ...i.fields })) },
      };
    }
    throw new GraphHttpError(404, 'notFound', `Unsupported SharePoint REST call: ${path}`);
  }

  function addColumn(list: FakeList, c: unknown): ColumnDef {
    if (!isRecord(c) || typeof c.name !== 'string' || !COLUMN_NAME.test(c.name))
      throw new GraphHttpError(400, 'invalidRequest', 'A column needs a name of letters and digits.');
    const kinds = (['text', 'dateTime', 'choice', 'number'] as const).filter((k) => isRecord(c[k]));
    if (kinds.length !== 1)
      throw new GraphHttpError(
        400,
        'invalidRequest',
        'A column needs exactly one type facet (text, dateTime, choice, number, …).',
      );
    if (list.columns.has(c.name))
      throw new GraphHttpError(409, 'nameAlreadyExists', `A duplicate field name "${c.name}" was found.`);
    const choice =
      isRecord(c.choice) && Array.isArray(c.choice.choices) ? c.choice.choices.map(String) : undefined;
    const def: ColumnDef = {
      name: c.name,
      kind: kinds[0]!,
      indexed: c.indexed === true,
      ...(choice ? { choices: choice } : {}),
    };
    list.columns.set(def.name, def);
    return def;
  }

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (Buffer.isBuffer(body))
      res.writeHead(status, { 'content-type': 'application/octet-stream', ...headers }).end(body);
    else if (body === undefined) res.writeHead(status, { 'request-id': randomUUID(), ...headers }).end();
    else
      res
        .writeHead(status, { 'content-type': 'application/json', 'request-id': randomUUID(), ...headers })
        .end(JSON.stringify(body));
  };

  let held: { promise: Promise<void>; release: () => void } | null = null;
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const body = await readBody(req);
      if (held) await held.promise;
      stats.requests += 1;
      if (url.pathname.startsWith('/v1.0/me/'))
        res.on('finish', () =>
          calendarRequests.push({ method: req.method ?? 'GET', path: url.pathname, status: res.statusCode }),
        );
      // Throttling first, as SharePoint does: a spent budget is answered before any work.
      if (forcedThrottle.left > 0 && !url.pathname.startsWith('/upload/')) {
        forcedThrottle.left -= 1;
        stats.throttled += 1;
        send(
          res,
          429,
          { error: { code: 'TooManyRequests', message: 'The request has been throttled.' } },
          { 'retry-after': String(forcedThrottle.seconds) },
        );
        return;
      }
      const units = cost(req.method ?? 'GET', url.pathname, url.searchParams);
      if (budget && units > 0) {
        const now = Date.now();
        // The first window opens with the first charged request.
        if (stats.windowStart === 0) stats.windowStart = stats.firstWindowStart = now;
        const elapsed = now - stats.windowStart;
        if (elapsed >= budget.windowMs) {
          stats.windowStart += Math.floor(elapsed / budget.windowMs) * budget.windowMs;
          windowUsed = 0;
        }
        if (windowUsed + units > budget.resourceUnits) {
          stats.throttled += 1;
          const wait = Math.max(1, Math.ceil((stats.windowStart + budget.windowMs - now) / 1000));
          send(
            res,
            429,
            { error: { code: 'TooManyRequests', message: 'The request has been throttled.' } },
            { 'retry-after': String(wait) },
          );
          return;
        }
      }
      const roll = Math.random();
      const fault = roll < faultRate ? Math.floor((roll / faultRate) * 3) : -1;
      if (fault === 0) {
        stats.faults += 1;
        send(
          res,
          503,
          { error: { code: 'serviceNotAvailable', message: 'The service is temporarily unavailable.' } },
          { 'retry-after': '1' },
        );
        return;
      }
      if (fault === 1) {
        stats.faults += 1;
        return req.socket.destroy();
      }
      try {
        const out = await route(req, url, body);
        if (budget) windowUsed += units;
        stats.resourceUnits += units;
        // The work is done but the answer never arrives: the client must find out on retry.
        if (fault === 2) {
          stats.faults += 1;
          return req.socket.destroy();
        }
        send(res, out.status, out.body);
      } catch (e) {
        if (e instanceof GraphHttpError) {
          send(
            res,
            e.status,
            {
              error: {
                code: e.code,
                message: e.message,
                innerError: { date: new Date().toISOString(), 'request-id': randomUUID() },
              },
            },
            e.headers,
          );
          return;
        }
        send(res, 500, { error: { code: 'generalException', message: (e as Error).message } });
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    siteId,
    siteUrl: `${origin}/sites/archive`,
    lists,
    items,
    directoryRequests,
    events,
    calendarRequests,
    installs,
    directoryUser: (id) => byId.get(id),
    updateUser: (id, patch) => {
      const u = byId.get(id);
      if (!u) throw new Error(`no such user ${id}`);
      version++;
      const fv = fieldVersions.get(id) ?? new Map<string, number>();
      fieldVersions.set(id, fv);
      if ('managerId' in patch && u.managerId && !patch.managerId) removedManagers.set(id, u.managerId);
      for (const k of Object.keys(patch) as (keyof typeof patch)[]) fv.set(k, version);
      Object.assign(u, patch);
    },
    addUser: (u) => {
      version++;
      people.push(u);
      byId.set(u.id, u);
      created.set(u.id, version);
      tombstones.delete(u.id);
    },
    removeUser: (id) => {
      const at = people.findIndex((u) => u.id === id);
      if (at < 0) throw new Error(`no such user ${id}`);
      version++;
      people.splice(at, 1);
      byId.delete(id);
      tombstones.set(id, version);
    },
    expireDeltaLinks: () => {
      deltaEpoch++;
    },
    declareRecordLabel: (name) => void recordLabels.add(name),
    itemByPath: (path, library) =>
      [...lists.values()]
        .filter((l) => library === undefined || l.displayName === library)
        .map((l) => itemAt(l.driveId, path))
        .find((i) => i !== undefined),
    list: (name) => [...lists.values()].find((l) => l.displayName === name),
    uniqueScopes: (name) => {
      const list = [...lists.values()].find((l) => l.displayName === name);
      return list ? uniqueScopes(list) : 0;
    },
    warnings,
    fill(library, n, fields) {
      const list = [...lists.values()].find((l) => l.displayName === library);
      if (!list) throw new Error(`no library ${library}`);
      const pdf = Buffer.from('%PDF-1.7\n% an earlier year\n');
      for (let i = 0; i < n; i++) {
        const item = newItem(list, `fylt/${list.nextItemId}.pdf`, pdf);
        Object.assign(item.fields, fields(i));
        item.completedAt = Date.now();
      }
    },
    stats,
    setFaultRate: (r) => void (faultRate = r),
    throttleNext: (n, seconds = 1) => {
      forcedThrottle = { left: n, seconds };
    },
    setBudget: (b) => {
      budget = b;
      windowUsed = 0;
      stats.windowStart = 0;
    },
    hold() {
      let release = () => {};
      const promise = new Promise<void>((r) => (release = r));
      held ??= { promise, release };
    },
    release() {
      held?.release();
      held = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
