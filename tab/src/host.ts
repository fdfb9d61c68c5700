// Where the tab runs: inside Teams (teams-js handshake, SSO token, theme, locale, deep link) or in a
// plain browser (local mode: demo user picker). Outside Teams the handshake must never hang the tab.

import { localeOf, type Locale } from '../../src/contract/words/index.ts';

export type ThemeName = 'light' | 'dark' | 'contrast';
export type { Locale };

export interface Host {
  inTeams: boolean;
  theme: ThemeName;
  locale: Locale;
  /** The conversation a Teams deep link points to (subPageId / subEntityId). */
  deepLink: string | null;
  /**
   * Where Teams shows the tab: a page ('content'), a meeting tab being configured ('settings'), a
   * meeting's side panel ('sidePanel') or its stage ('meetingStage'). Always 'content' outside Teams.
   */
  frame: Frame;
  /** In a meeting: its chat's thread id, by which a meeting Samtale created finds its conversation. */
  meetingChatId: string | null;
  /** Teams SSO token; null outside Teams. */
  getToken: (() => Promise<string>) | null;
  onThemeChange(listener: (theme: ThemeName) => void): void;
}

export type Frame = 'content' | 'settings' | 'sidePanel' | 'meetingStage';
const FRAMES: readonly string[] = ['content', 'settings', 'sidePanel', 'meetingStage'];

const HANDSHAKE_TIMEOUT_MS = 3000;

/** The language a Teams or browser locale asks for; bokmål when it is none Samtale speaks. */
export const toLocale = (tag: string | undefined | null): Locale => localeOf(tag);

export function toTheme(teamsTheme: string | undefined | null): ThemeName {
  if (teamsTheme === 'dark') return 'dark';
  if (teamsTheme === 'contrast') return 'contrast';
  return 'light';
}

function browserHost(): Host {
  const params = new URLSearchParams(window.location.search);
  const theme = params.get('theme');
  // Older embedded browsers lack matchMedia and ancestorOrigins, whatever the DOM typings say.
  const dark = 'matchMedia' in window && window.matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    inTeams: false,
    theme: theme === 'dark' || theme === 'contrast' || theme === 'light' ? theme : dark ? 'dark' : 'light',
    locale: toLocale(params.get('lang') ?? navigator.language),
    deepLink: null,
    frame: 'content',
    meetingChatId: null,
    getToken: null,
    onThemeChange: () => undefined,
  };
}

/** Only a framed page can be inside Teams; a top-level window never is, so it skips the handshake. */
function framed(): boolean {
  try {
    return window.parent !== window.self;
  } catch {
    return true;
  }
}

/**
 * The parent frame's origin. Teams hosts are https origins teams-js knows; in local mode a loopback
 * test host (http://127.0.0.1:port) is trusted too, so the handshake can be exercised offline.
 */
function extraOrigins(localMode: boolean): string[] {
  if (!localMode) return [];
  const parent =
    (window.location.ancestorOrigins as DOMStringList | undefined)?.[0] ??
    (document.referrer ? new URL(document.referrer).origin : '');
  return /^http:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?$/.test(parent) ? [parent] : [];
}

export async function detectHost(localMode: boolean): Promise<Host> {
  if (!framed()) return browserHost();
  try {
    // Loaded only inside a frame: a plain browser never downloads teams-js or its origin list.
    const { app, authentication } = await import('@microsoft/teams-js');
    const ready = app.initialize(extraOrigins(localMode));
    await Promise.race([
      ready,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('Teams handshake timed out')), HANDSHAKE_TIMEOUT_MS),
      ),
    ]);
    const context = await app.getContext();
    const listeners: ((t: ThemeName) => void)[] = [];
    app.registerOnThemeChangeHandler((t) => listeners.forEach((l) => l(toTheme(t))));
    void app.notifySuccess();
    return {
      inTeams: true,
      theme: toTheme(context.app.theme),
      locale: toLocale(context.app.locale),
      deepLink: context.page.subPageId || null,
      frame: FRAMES.includes(context.page.frameContext) ? (context.page.frameContext as Frame) : 'content',
      meetingChatId: context.meeting?.id ? (context.chat?.id ?? null) : null,
      getToken: () => authentication.getAuthToken(),
      onThemeChange: (l) => void listeners.push(l),
    };
  } catch {
    // A frame that is not Teams (or a host that never answers): behave as a plain browser.
    return browserHost();
  }
}
