// Retry-After as Graph, SharePoint and the Bot Connector send it: seconds, or an HTTP date.
export function retryAfterSeconds(headers: Headers | null | undefined): number | null {
  const raw = headers?.get('retry-after');
  if (!raw) return null;
  const n = Number(raw);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, (at - Date.now()) / 1000);
}
