import {
  Button,
  FluentProvider,
  Spinner,
  Text,
  mergeClasses,
  makeStaticStyles,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MeView } from '../../src/contract/views.ts';
import { createApi, errorText, localToken, type Api } from './api.ts';
import type { Host, Locale, ThemeName } from './host.ts';
import { I18n, i18nFor, useI18n } from './i18n.ts';
import { LanguagePicker, chosenLocale, htmlLang } from './LanguagePicker.tsx';
import { useKompassNav } from './kompass/nav.ts';
import { MyConversations } from './pages/MyConversations.tsx';

// The first page loads only its own code; the others when they are opened.
const ConversationPage = lazy(() =>
  import('./pages/ConversationPage.tsx').then((m) => ({ default: m.ConversationPage })),
);
const TeamPage = lazy(() => import('./pages/TeamPage.tsx').then((m) => ({ default: m.TeamPage })));
const HrPage = lazy(() => import('./pages/HrPage.tsx').then((m) => ({ default: m.HrPage })));
const FollowUpPage = lazy(() =>
  import('./pages/FollowUpPage.tsx').then((m) => ({ default: m.FollowUpPage })),
);
const PlansPage = lazy(() => import('./pages/PlansPage.tsx').then((m) => ({ default: m.PlansPage })));
const PlanPage = lazy(() => import('./pages/PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const RedThreadPage = lazy(() =>
  import('./pages/RedThreadPage.tsx').then((m) => ({ default: m.RedThreadPage })),
);
const KompassPage = lazy(() => import('./pages/KompassPage.tsx').then((m) => ({ default: m.KompassPage })));
const KompassRoundPage = lazy(() =>
  import('./pages/KompassRoundPage.tsx').then((m) => ({ default: m.KompassRoundPage })),
);
const TemplatesPage = lazy(() =>
  import('./pages/TemplatesPage.tsx').then((m) => ({ default: m.TemplatesPage })),
);
const TemplatePage = lazy(() =>
  import('./pages/TemplatePage.tsx').then((m) => ({ default: m.TemplatePage })),
);
const LegalPage = lazy(() => import('./pages/LegalPage.tsx').then((m) => ({ default: m.LegalPage })));
const MyDataPage = lazy(() => import('./pages/MyDataPage.tsx').then((m) => ({ default: m.MyDataPage })));
const UserPicker = lazy(() => import('./pages/UserPicker.tsx').then((m) => ({ default: m.UserPicker })));
const MeetingShell = lazy(() =>
  import('./meeting/MeetingShell.tsx').then((m) => ({ default: m.MeetingShell })),
);
const StagePage = lazy(() => import('./meeting/StagePage.tsx').then((m) => ({ default: m.StagePage })));
import { ErrorNotice, NotFound } from './pages/common.tsx';
import { navigate, useRoute } from './router.ts';

const THEMES = { light: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const useGlobalStyles = makeStaticStyles([
  {
    // A hovered row takes the hover colours as a whole: in high contrast its links and labels would
    // otherwise keep their colours on the highlight colour (measured 1.1:1).
    'tbody tr:hover, tbody tr:hover a, tbody tr:hover a:visited, tbody tr:hover td[data-label]::before': {
      color: tokens.colorNeutralForeground1Hover,
    },
  },
  // Narrow screens (Teams mobile): a list table becomes one block per row, each value under its heading.
  `@media (max-width: 640px) {
    table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
    table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.stack tr { height: auto; padding: 8px 0; border-bottom: 1px solid ${tokens.colorNeutralStroke2}; }
    table.stack td { height: auto; padding: 4px 0; }
    table.stack td[data-label]::before {
      content: attr(data-label); display: block; font-weight: ${tokens.fontWeightSemibold};
      color: ${tokens.colorNeutralForeground3};
    }
  }`,
]);

const useStyles = makeStyles({
  shell: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  user: {
    marginLeft: 'auto',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  // Long words wrap only where they would not fit at all; a label never breaks letter by letter.
  main: {
    padding: tokens.spacingHorizontalL,
    maxWidth: '1680px',
    margin: '0 auto',
    boxSizing: 'border-box',
    overflowWrap: 'break-word',
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalS },
  },
  nav: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  navLink: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecoration: 'none',
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1 },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  navCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
  // Below every page: what is about the person themselves (Mine data, privacy), apart from the work.
  footer: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    marginTop: tokens.spacingVerticalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    ':focus': {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
    },
  },
});

export function App({
  host,
  devLogin,
  teamsMeetings = false,
}: {
  host: Host;
  devLogin: boolean;
  /** Leaders may have Samtale create Teams meetings here (the server's configuration). */
  teamsMeetings?: boolean;
}) {
  useGlobalStyles();
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  // The language chosen in the tab wins over the one Teams (or the browser) asks for.
  const [locale, setLocale] = useState<Locale>(() => chosenLocale.get() ?? host.locale);
  useEffect(() => {
    document.documentElement.lang = htmlLang(locale);
  }, [locale]);
  const i18n = useMemo(() => i18nFor(locale), [locale]);
  const [token, setToken] = useState<string | null>(() => (host.inTeams ? null : localToken.get()));
  const getToken = useCallback(async () => (host.getToken ? host.getToken() : token), [host, token]);
  // Server errors come back in the chosen language: the client sends it as accept-language.
  const api = useMemo(() => createApi(locale, getToken), [locale, getToken]);
  const signedIn = host.inTeams || token !== null;
  const route = useRoute();

  // A Teams deep link (subPageId) opens its conversation, or (plans/<id>, from the bot's plan cards)
  // its unit plan, directly.
  useEffect(() => {
    const link = host.deepLink;
    if (link && /^[0-9a-f-]{36}$/.test(link)) navigate(`/conversations/${link}`);
    // The bot's "Last ned min kopi": the conversation, at its copies.
    else if (link && /^[0-9a-f-]{36}\/kopi$/.test(link))
      navigate(`/conversations/${link.slice(0, 36)}?kopi=1`);
    else if (link && /^plans\/[0-9a-f-]{36}$/.test(link)) navigate(`/${link}`);
  }, [host.deepLink]);

  return (
    <FluentProvider
      theme={THEMES[theme]}
      data-theme={theme}
      // The browser's own parts (date pickers, scrollbars) follow the theme too.
      style={{ colorScheme: theme === 'light' ? 'light' : 'dark' }}
    >
      <I18n.Provider value={i18n}>
        {route.page === 'privacy' || route.page === 'terms' ? (
          <Bare onLocale={setLocale}>
            <Suspense fallback={<Spinner label={i18n.t('loading')} />}>
              <LegalPage kind={route.page} />
            </Suspense>
          </Bare>
        ) : host.inTeams && host.frame !== 'content' ? (
          // In a meeting: its tab's configuration, its side panel or its stage, without the app's menu.
          <Suspense fallback={<Spinner label={i18n.t('loading')} />}>
            <MeetingShell api={api} host={host} />
          </Suspense>
        ) : signedIn ? (
          <Shell
            teamsMeetings={teamsMeetings}
            api={api}
            inTeams={host.inTeams}
            onLocale={setLocale}
            onSignOut={() => {
              localToken.clear();
              setToken(null);
            }}
          />
        ) : devLogin ? (
          <Bare onLocale={setLocale}>
            <Suspense fallback={<Spinner label={i18n.t('loading')} />}>
              <UserPicker
                onToken={(t) => {
                  localToken.set(t);
                  setToken(t);
                }}
              />
            </Suspense>
          </Bare>
        ) : (
          <Bare onLocale={setLocale}>
            <ErrorNotice message={i18n.t('noSignIn')} />
          </Bare>
        )}
      </I18n.Provider>
    </FluentProvider>
  );
}

/** A page before sign-in (the demo picker, privacy, terms): the app's name and the language setting. */
function Bare({ onLocale, children }: { onLocale: (locale: Locale) => void; children: ReactNode }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Text weight="semibold" size={500}>
          {t('appName')}
        </Text>
        <div className={styles.user}>
          <LanguagePicker onChange={onLocale} />
        </div>
      </header>
      {children}
    </div>
  );
}

function Shell({
  api,
  inTeams,
  teamsMeetings,
  onLocale,
  onSignOut,
}: {
  api: Api;
  inTeams: boolean;
  teamsMeetings: boolean;
  onLocale: (locale: Locale) => void;
  onSignOut: () => void;
}) {
  const styles = useStyles();
  const { t, p, words } = useI18n();
  const route = useRoute();
  const kompassNav = useKompassNav(api);
  const [me, setMe] = useState<MeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The start page leads an admin on to the templates, the work they come for; their own
  // conversations stay under "Mine samtaler". Only on arrival, not when they choose that page.
  const [arriving, setArriving] = useState(() => window.location.pathname === '/');
  useEffect(() => {
    if (!me || !arriving) return;
    if (me.canEditTemplates && window.location.pathname === '/') navigate('/templates', { replace: true });
    setArriving(false);
  }, [me, arriving]);

  useEffect(() => {
    api.call('getMe').then(setMe, (e: unknown) => {
      setError(errorText(e));
      if (!inTeams) onSignOut();
    });
  }, [api, inTeams, onSignOut]);

  if (error) return <ErrorNotice message={error} />;
  if (!me || (arriving && me.canEditTemplates && route.page === 'mine'))
    return <Spinner label={t('loading')} style={{ marginTop: 48 }} />;

  // Which pages to offer is the server's decision, like everything the caller may do.
  const isHr = me.canSeeHr;
  const isLeader = me.canSeeTeam;
  // A conversation belongs under "Mine samtaler", a plan and the red thread under the plans; an
  // unknown address under no menu entry.
  const tab =
    route.page === 'conversation' || route.page === 'stage'
      ? 'mine'
      : route.page === 'plan' || route.page === 'red-thread'
        ? 'plans'
        : route.page === 'kompass-round'
          ? 'kompass'
          : route.page === 'template'
            ? 'templates'
            : route.page === 'not-found'
              ? null
              : route.page === 'meeting-config'
                ? null
                : route.page;

  return (
    <div className={styles.shell}>
      <a href="#main" className={styles.skip}>
        {t('skipToContent')}
      </a>
      <header className={styles.header}>
        <Text weight="semibold" size={500}>
          {t('appName')}
        </Text>
        <nav aria-label={t('mainNav')}>
          {/* Pages are places, so the menu is links (aria-current), not an ARIA tablist. */}
          <ul className={styles.nav}>
            <NavLink href="/" current={tab === 'mine'} label={t('navMine')} />
            <NavLink href="/follow-up" current={tab === 'follow-up'} label={t('navFollowUp')} />
            {isLeader && <NavLink href="/team" current={tab === 'team'} label={t('navTeam')} />}
            {/* Every unit's people read its plan; the list holds the units the server lets me read. */}
            <NavLink href="/plans" current={tab === 'plans'} label={p('nav')} />
            {(kompassNav || tab === 'kompass') && (
              <NavLink href="/kompass" current={tab === 'kompass'} label={words.tab.kompass.nav} />
            )}
            {isHr && <NavLink href="/hr" current={tab === 'hr'} label={t('navHr')} />}
            {me.canEditTemplates && (
              <NavLink href="/templates" current={tab === 'templates'} label={words.tab.templates.nav} />
            )}
          </ul>
        </nav>
        <div className={styles.user}>
          <Text>{t('signedInAs', { name: me.name })}</Text>
          {!inTeams && (
            <Button size="small" onClick={onSignOut}>
              {t('switchUser')}
            </Button>
          )}
          <LanguagePicker onChange={onLocale} />
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        <Suspense fallback={<Spinner label={t('loading')} />}>
          {route.page === 'mine' && <MyConversations api={api} />}
          {route.page === 'conversation' && <ConversationPage api={api} id={route.id} />}
          {route.page === 'stage' && <StagePage api={api} id={route.id} />}
          {route.page === 'team' && <TeamPage api={api} me={me} teamsMeetings={teamsMeetings} />}
          {route.page === 'hr' && <HrPage api={api} allowed={isHr} />}
          {route.page === 'follow-up' && <FollowUpPage api={api} />}
          {route.page === 'plans' && <PlansPage api={api} />}
          {route.page === 'plan' && <PlanPage api={api} id={route.id} />}
          {route.page === 'red-thread' && <RedThreadPage api={api} />}
          {route.page === 'kompass' && <KompassPage api={api} />}
          {route.page === 'kompass-round' && <KompassRoundPage api={api} id={route.id} me={me} />}
          {route.page === 'templates' && <TemplatesPage api={api} allowed={me.canEditTemplates} />}
          {route.page === 'template' && (
            <TemplatePage api={api} templateKey={route.key} allowed={me.canEditTemplates} />
          )}
          {route.page === 'my-data' && <MyDataPage api={api} />}
          {(route.page === 'not-found' || route.page === 'meeting-config') && <NotFound />}
        </Suspense>
      </main>
      <footer className={styles.footer}>
        <nav aria-label={words.tab.myData.footer}>
          <ul className={styles.nav}>
            <NavLink href="/my-data" current={tab === 'my-data'} label={words.tab.myData.nav} />
            <NavLink href="/personvern" current={false} label={t('privacyTitle')} />
          </ul>
        </nav>
      </footer>
    </div>
  );
}

function NavLink({ href, current, label }: { href: string; current: boolean; label: string }) {
  const styles = useStyles();
  return (
    <li>
      <a
        href={href}
        aria-current={current ? 'page' : undefined}
        className={mergeClasses(styles.navLink, current && styles.navCurrent)}
        onClick={(e) => {
          e.preventDefault();
          navigate(href);
        }}
      >
        {label}
      </a>
    </li>
  );
}
