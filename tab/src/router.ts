// A small history router: /, /conversations/:id, /conversations/:id/stage, /meeting/config, /team, /hr, /follow-up, /plans, /plans/:id, /red-thread,
// /kompass, /kompass/:id, /templates, /templates/:key, /my-data.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'mine' }
  | { page: 'conversation'; id: string }
  | { page: 'stage'; id: string }
  | { page: 'meeting-config' }
  | { page: 'team' }
  | { page: 'hr' }
  | { page: 'follow-up' }
  | { page: 'my-data' }
  | { page: 'plans' }
  | { page: 'plan'; id: string }
  | { page: 'red-thread' }
  | { page: 'kompass' }
  | { page: 'kompass-round'; id: string }
  | { page: 'templates' }
  | { page: 'template'; key: string }
  | { page: 'privacy' }
  | { page: 'terms' }
  | { page: 'not-found' };

export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'mine' };
  const c = /^\/conversations\/([0-9a-f-]{36})\/?$/.exec(path);
  if (c?.[1]) return { page: 'conversation', id: c[1] };
  // What a meeting's stage shows: the shared record only (the URL shared to the stage).
  const st = /^\/conversations\/([0-9a-f-]{36})\/stage\/?$/.exec(path);
  if (st?.[1]) return { page: 'stage', id: st[1] };
  if (path === '/meeting/config' || path === '/meeting/config/') return { page: 'meeting-config' };
  if (path === '/team') return { page: 'team' };
  if (path === '/hr' || path === '/hr/') return { page: 'hr' };
  if (path === '/follow-up' || path === '/follow-up/') return { page: 'follow-up' };
  if (path === '/my-data' || path === '/my-data/') return { page: 'my-data' };
  if (path === '/team/') return { page: 'team' };
  if (path === '/plans' || path === '/plans/') return { page: 'plans' };
  const p = /^\/plans\/([0-9a-f-]{36})\/?$/.exec(path);
  if (p?.[1]) return { page: 'plan', id: p[1] };
  if (path === '/red-thread' || path === '/red-thread/') return { page: 'red-thread' };
  if (path === '/kompass' || path === '/kompass/') return { page: 'kompass' };
  const k = /^\/kompass\/([0-9a-f-]{36})\/?$/.exec(path);
  if (k?.[1]) return { page: 'kompass-round', id: k[1] };
  if (path === '/templates' || path === '/templates/') return { page: 'templates' };
  const tk = /^\/templates\/([a-z0-9-]{1,64})\/?$/.exec(path);
  if (tk?.[1]) return { page: 'template', key: tk[1] };
  // The manifest's privacy and terms links: open to everyone, signed in or not.
  if (path === '/personvern' || path === '/personvern/') return { page: 'privacy' };
  if (path === '/vilkar' || path === '/vilkar/') return { page: 'terms' };
  return { page: 'not-found' };
}

/** The query a page keeps as its own (the plans' year; `kopi`, the bot's "download my copy"); the host's (theme, lang) carry over. */
const PAGE_PARAMS = ['year', 'kopi'];

/** Goes to a page; replace: instead of the current entry in the history (a start page leading on). */
export function navigate(path: string, opts: { replace?: boolean } = {}) {
  const [pathname = '', query = ''] = path.split('?');
  const params = new URLSearchParams(window.location.search);
  for (const name of PAGE_PARAMS) params.delete(name);
  for (const [name, value] of new URLSearchParams(query)) params.set(name, value);
  const search = params.toString();
  const to = pathname + (search ? `?${search}` : '');
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}
