// A closed-loop load generator: N clients on keep-alive connections, each sending its next request
// as soon as the previous one is answered. Latencies are recorded per request.
import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export async function closedLoop(
  base: string,
  clients: number,
  seconds: number,
  next: (client: number) => Request,
  onResponse: (client: number, status: number, body: string) => boolean = (_c, status) => status < 400,
): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const send = (r: Request) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          agent,
          headers: { 'content-type': 'application/json', ...(r.headers ?? {}) },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const res = await send(next(c));
        latencies.push(performance.now() - t0);
        if (!onResponse(c, res.status, res.body)) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: pct(50),
    p99: pct(99),
  };
}

/** A numeric `--name=value` option, or the fallback. */
export const numberArg = (args: string[], name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
