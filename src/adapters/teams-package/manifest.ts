// The Teams app manifest (schema v1.29) and its bokmål, nynorsk and English strings, filled from the
// configuration: personal tabs (Mine samtaler, Mitt team, HR), the meeting tab (a conversation in the
// meeting's side panel, its shared record on the stage), the bot in personal scope with its commands,
// webApplicationInfo for SSO, and the valid domains.
import { ACCENT } from './icons.ts';

/** The personal tabs' entity ids: also the targets of deep links from the bot. */
export const TAB_ENTITY_IDS = { conversations: 'mine-samtaler', team: 'mitt-team', hr: 'hr' } as const;

/** Where a meeting's Samtale tab is configured: the tab's page that picks the conversation. */
export const MEETING_CONFIG_PATH = '/meeting/config';

export interface PackageSettings {
  teamsAppId: string;
  /** The Entra app registration: SSO (webApplicationInfo) and the bot's id. */
  clientId: string;
  publicUrl: string;
  version: string;
  /** The SSO resource when the tenant sets its own (APP_ID_URI); else api://<host>/<client id>. */
  appIdUri?: string;
}

const COMMANDS = {
  nb: [
    ['hjelp', 'Hva Samtale kan gjøre i chatten'],
    ['mine samtaler', 'Samtalene dine og hva som gjenstår'],
    ['oppfølging', 'Åpne oppfølgingspunkter, med status du kan registrere'],
  ],
  nn: [
    ['hjelp', 'Kva Samtale kan gjere i chatten'],
    ['samtalane mine', 'Samtalane dine og kva som står att'],
    ['oppfølging', 'Opne oppfølgingspunkt, med status du kan registrere'],
  ],
  en: [
    ['help', 'What Samtale can do in chat'],
    ['my conversations', 'Your conversations and what is left to do'],
    ['follow-up', 'Open follow-up items, with status you can record'],
  ],
} as const;

const TEXT = {
  nb: {
    nameFull: 'Samtale – medarbeider- og ledersamtaler',
    short: 'Forbered, gjennomfør, signer og følg opp samtaler mellom ledere og medarbeidere.',
    full: 'Samtale samler kontraktsamtaler, utviklingssamtaler for ledere, medarbeidersamtaler etter 10-faktor, virksomhetsplan og Kommunekompasset i Teams. Du forbereder deg privat, fyller referatet sammen, signerer begge to, og får påminnelser om oppfølging. Signerte referater arkiveres som PDF/A i et SharePoint-bibliotek med begrenset tilgang.',
    tabs: ['Mine samtaler', 'Mitt team', 'HR'],
  },
  nn: {
    nameFull: 'Samtale – medarbeidar- og leiarsamtalar',
    short: 'Førebu, gjennomfør, signer og følg opp samtalar mellom leiarar og medarbeidarar.',
    full: 'Samtale samlar kontraktsamtalar, utviklingssamtalar for leiarar, medarbeidarsamtalar etter 10-faktor, verksemdsplan og Kommunekompasset i Teams. Du førebur deg privat, de fyller ut referatet saman, begge signerer, og du får påminningar om oppfølging. Signerte referat blir arkiverte som PDF/A i eit SharePoint-bibliotek med avgrensa tilgang.',
    tabs: ['Samtalane mine', 'Teamet mitt', 'HR'],
  },
  en: {
    nameFull: 'Samtale – employee and leader conversations',
    short: 'Prepare, hold, sign and follow up leader–employee conversations.',
    full: 'Samtale brings contract conversations, leader development conversations, 10-factor employee conversations, the unit plan and Kommunekompasset into Teams. You prepare privately, fill in the record together, both sign, and get reminders to follow up. Signed records are archived as PDF/A in an access-restricted SharePoint library.',
    tabs: ['My conversations', 'My team', 'HR'],
  },
} as const;

/** The manifest's languages: bokmål is the default (nb.json), nynorsk and English are additional. */
type Language = keyof typeof TEXT;

export function buildManifest(s: PackageSettings): {
  manifest: object;
  localizations: Record<Language, object>;
} {
  const url = new URL(s.publicUrl);
  const base = url.origin;
  const manifest = {
    $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json',
    manifestVersion: '1.29',
    version: s.version,
    id: s.teamsAppId,
    localizationInfo: {
      defaultLanguageTag: 'nb-no',
      defaultLanguageFile: 'nb.json',
      additionalLanguages: [
        { languageTag: 'nn-no', file: 'nn.json' },
        { languageTag: 'en-us', file: 'en.json' },
      ],
    },
    developer: {
      name: 'Samtale',
      websiteUrl: `${base}/`,
      privacyUrl: `${base}/personvern`,
      termsOfUseUrl: `${base}/vilkar`,
    },
    name: { short: 'Samtale', full: TEXT.nb.nameFull },
    description: { short: TEXT.nb.short, full: TEXT.nb.full },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT,
    staticTabs: [
      {
        entityId: TAB_ENTITY_IDS.conversations,
        name: TEXT.nb.tabs[0],
        contentUrl: `${base}/`,
        websiteUrl: `${base}/`,
        scopes: ['personal'],
      },
      {
        entityId: TAB_ENTITY_IDS.team,
        name: TEXT.nb.tabs[1],
        contentUrl: `${base}/team`,
        websiteUrl: `${base}/team`,
        scopes: ['personal'],
      },
      {
        entityId: TAB_ENTITY_IDS.hr,
        name: TEXT.nb.tabs[2],
        contentUrl: `${base}/hr`,
        websiteUrl: `${base}/hr`,
        scopes: ['personal'],
      },
    ],
    // Added to a meeting (its chat), the tab asks which conversation, then opens it in the side panel;
    // the stage shows the shared record only. One configurable tab is all the schema allows.
    configurableTabs: [
      {
        id: 'samtale-i-motet',
        configurationUrl: `${base}${MEETING_CONFIG_PATH}`,
        canUpdateConfiguration: true,
        scopes: ['groupChat'],
        context: ['meetingSidePanel', 'meetingStage', 'meetingChatTab', 'meetingDetailsTab'],
        meetingSurfaces: ['sidePanel', 'stage'],
      },
    ],
    bots: [
      {
        botId: s.clientId,
        scopes: ['personal'],
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: [
          {
            scopes: ['personal'],
            commands: COMMANDS.nb.map(([title, description]) => ({ title, description })),
          },
        ],
      },
    ],
    permissions: ['identity'],
    // Sharing the shared record to the meeting's stage (meeting.shareAppContentToStage) needs this
    // resource-specific consent, given per meeting by its organiser when the app is added.
    authorization: {
      permissions: { resourceSpecific: [{ name: 'MeetingStage.Write.Chat', type: 'Delegated' }] },
    },
    validDomains: [url.host],
    // The same resource the server checks tokens for, or SSO tokens would be refused.
    webApplicationInfo: { id: s.clientId, resource: s.appIdUri ?? `api://${url.host}/${s.clientId}` },
  };
  const strings = (lang: Language) => ({
    $schema:
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.Localization.schema.json',
    'name.short': 'Samtale',
    'name.full': TEXT[lang].nameFull,
    'description.short': TEXT[lang].short,
    'description.full': TEXT[lang].full,
    ...Object.fromEntries(TEXT[lang].tabs.map((t, i) => [`staticTabs[${i}].name`, t])),
    ...Object.fromEntries(
      COMMANDS[lang].flatMap(([title, description], i) => [
        [`bots[0].commandLists[0].commands[${i}].title`, title],
        [`bots[0].commandLists[0].commands[${i}].description`, description],
      ]),
    ),
  });
  return { manifest, localizations: { nb: strings('nb'), nn: strings('nn'), en: strings('en') } };
}
