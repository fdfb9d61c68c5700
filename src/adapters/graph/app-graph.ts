// App-only Microsoft Graph for the archive: msal-node client credentials, the Graph client with its
// retry middleware, and a middleware of our own that holds every request while SharePoint has asked
// us to wait (Retry-After) and counts the resource units each call costs.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../logger.ts';
import { retryAfterSeconds } from '../retry-after.ts';

export interface AppGraphOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com, or a national cloud's. */
  authorityHost: string;
  /** https://graph.microsoft.com, or a national cloud's. */
  graphUrl: string;
  logger: Logger;
  /** Retry-After shared with the other instances (several instances on one PostgreSQL). */
  sharedHold?: SharedHold;
}

/**
 * SharePoint's published resource-unit costs: one item 1, a collection 2, any create, update, delete
 * or upload 2, and every permission operation (including `$expand=permissions`) 5.
 */
export function resourceUnits(method: string, url: string): number {
  const { pathname, searchParams } = new URL(url);
  if (
    /\/(invite|permissions)(\/|$)/.test(pathname) ||
    (searchParams.get('$expand') ?? '').includes('permissions')
  )
    return 5;
  if (method.toUpperCase() !== 'GET') return 2;
  return /\/(lists|columns|views|children)$/.test(pathname) ? 2 : 1;
}

/** Where one instance's Retry-After reaches the others that call Graph as the same app. */
export interface SharedHold {
  /** The latest moment (ms since the epoch) any instance was asked to wait until. */
  read(): Promise<number>;
  write(notBefore: number): Promise<void>;
}

/**
 * Shared between requests: SharePoint's Retry-After applies to the app, not to one request, nor to
 * one instance. With a shared hold, a wait one instance is told of holds the others too; they look at
 * most once a second, so a request costs no extra query.
 */
export class ThrottleGate {
  private notBefore = 0;
  private readonly shared: SharedHold | undefined;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;
  constructor(shared?: SharedHold) {
    this.shared = shared;
  }
  holdFor(seconds: number): void {
    this.notBefore = Math.max(this.notBefore, Date.now() + seconds * 1000);
    // Best effort: if the database is away, this instance still waits, and the others learn from their own 429.
    this.shared?.write(this.notBefore).catch(() => undefined);
  }
  /** Nothing to wait for: a gate no longer holding can be dropped. */
  idle(): boolean {
    return Date.now() >= this.notBefore;
  }
  async pass(): Promise<void> {
    if (this.shared && Date.now() - this.checkedAt >= 1000) {
      this.checking ??= this.shared
        .read()
        .then((t) => {
          this.notBefore = Math.max(this.notBefore, t);
        })
        .catch(() => undefined)
        .finally(() => {
          this.checkedAt = Date.now();
          this.checking = undefined;
        });
      await this.checking;
    }
    for (let wait = this.notBefore - Date.now(); wait > 0; wait = this.notBefore - Date.now())
      await new Promise((r) => setTimeout(r, wait));
  }
}

/** Counts resource units per operation (an AsyncLocalStorage scope) and in total. */
export class ResourceUnitMeter {
  total = 0;
  private readonly scope = new AsyncLocalStorage<{ units: number }>();
  add(units: number): void {
    this.total += units;
    const s = this.scope.getStore();
    if (s) s.units += units;
  }
  async measure<T>(fn: () => Promise<T>): Promise<{ value: T; units: number }> {
    const s = { units: 0 };
    const value = await this.scope.run(s, fn);
    return { value, units: s.units };
  }
}

class GateAndMeter implements Middleware {
  private next: Middleware | undefined;
  private readonly gate: ThrottleGate;
  private readonly meter: ResourceUnitMeter;
  constructor(gate: ThrottleGate, meter: ResourceUnitMeter) {
    this.gate = gate;
    this.meter = meter;
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    await this.gate.pass();
    await this.next?.execute(context);
    const res = context.response;
    if (!res) return;
    if (res.status === 429 || res.status === 503) {
      this.gate.holdFor(retryAfterSeconds(res.headers) ?? 1);
      return;
    }
    // The client passes a URL or a fetch Request (its typings name a DOM type Node has under another name).
    const request: unknown = context.request;
    const url = typeof request === 'string' ? request : request instanceof Request ? request.url : '';
    this.meter.add(resourceUnits(context.options?.method ?? 'GET', url));
  }
}

export interface AppGraph {
  client: Client;
  /** https://graph.microsoft.com/v1.0, for @odata.bind references. */
  baseUrl: string;
  meter: ResourceUnitMeter;
  gate: ThrottleGate;
  /** An app-only token for another resource of the tenant (SharePoint REST for list views). */
  tokenFor(resource: string): Promise<string>;
}

/** Samtale's one app registration as msal-node sees it: app-only tokens and on-behalf-of both come from it. */
export function confidentialClient(
  opts: Pick<AppGraphOptions, 'tenantId' | 'clientId' | 'clientSecret' | 'authorityHost' | 'logger'>,
): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      authority: `${opts.authorityHost.replace(/\/$/, '')}/${opts.tenantId}`,
      knownAuthorities: [new URL(opts.authorityHost).host],
    },
    system: {
      loggerOptions: {
        // Never a token or a person's name in the log.
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) =>
          level <= LogLevel.Error
            ? opts.logger.error('msal', { message })
            : opts.logger.warn('msal', { message }),
      },
    },
  });
}

export function appGraph(opts: AppGraphOptions): AppGraph {
  const msal = confidentialClient(opts);
  // msal caches app tokens and renews them before they expire.
  const tokenFor = async (resource: string) => {
    const result = await msal.acquireTokenByClientCredential({
      scopes: [`${resource.replace(/\/$/, '')}/.default`],
    });
    if (!result?.accessToken) throw new Error(`no token for ${resource}`);
    return result.accessToken;
  };
  const graphUrl = new URL(opts.graphUrl);
  const gate = new ThrottleGate(opts.sharedHold);
  const meter = new ResourceUnitMeter();
  const client = graphClient(
    graphUrl,
    new AuthenticationHandler({ getAccessToken: () => tokenFor(graphUrl.origin) }),
    new GateAndMeter(gate, meter),
  );
  return { client, baseUrl: `${graphUrl.origin}/v1.0`, meter, gate, tokenFor };
}

/**
 * The Graph client's middleware chain, the same for app-only calls and calls as a user: authentication,
 * three quick retries inside a call for 429/503/504 (each after the Retry-After Graph sent; the callers
 * retry the rest), redirects, telemetry, then the caller's own gate before the request goes out.
 */
export function graphClient(graphUrl: URL, auth: AuthenticationHandler, gate: Middleware): Client {
  const chain: Middleware[] = [
    auth,
    new RetryHandler(new RetryHandlerOptions(1, 3)),
    new RedirectHandler(),
    new TelemetryHandler(),
    gate,
    new HTTPMessageHandler(),
  ];
  chain.reduce((previous, next) => (previous.setNext?.(next), next));
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${graphUrl.origin}/`,
    defaultVersion: 'v1.0',
    customHosts: graphUrl.hostname === 'graph.microsoft.com' ? undefined : new Set([graphUrl.hostname]),
  });
}
