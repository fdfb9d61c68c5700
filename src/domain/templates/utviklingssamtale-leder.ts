import type { Column, Field, Option, Template } from './model.ts';

// Seed 001: Utviklingssamtale for ledere i Oslo kommune (veiledning and form).

const GRADERING: Option[] = [
  { id: 'under', label: 'under forventet' },
  { id: 'som', label: 'som forventet' },
  { id: 'over', label: 'over forventet' },
];

const GRADERING_GUIDE =
  'I oppsummeringen anbefales det å benytte følgende gradering: Leder leverer under forventet / som forventet / over forventet.';

const PLAN_COLUMNS: Column[] = [
  { id: 'tiltak', label: 'Mål/tiltak', type: 'text' },
  { id: 'ansvarlig', label: 'Ansvarlig', type: 'person', role: 'owner' },
  { id: 'frist', label: 'Frist', type: 'date', role: 'due' },
];

function gradering(id: string): Field {
  return {
    id,
    label: 'Leder leverer',
    kind: 'rating',
    options: GRADERING,
    writer: 'leader',
    visibility: 'shared',
  };
}

export const utviklingssamtaleLeder: Template = {
  key: 'utviklingssamtale-leder',
  version: '2026.2',
  kind: 'conversation',
  name: 'Utviklingssamtale for ledere',
  title: 'Utviklingssamtale for ledere i Oslo kommune',
  source: 'seed 001',
  parties: { leader: 'Overordnet leder', employee: 'Underordnet leder' },
  purpose: {
    heading: 'Veiledning',
    lead: 'Utviklingssamtalens formål er å forsterke måloppnåelse og gjennomføringen av politiske vedtak ved å:',
    points: [
      'tydeliggjøre krav og forventninger til ledere',
      'gi en positiv og korrigerende tilbakemelding relatert til lederatferd og leders bidrag til måloppnåelsen',
      'identifisere behov for karriere- og personlig utvikling',
    ],
  },
  marking: {
    text: 'U. off § 14,1. ledd (Ved innsynsbegjæring må merinnsyn vurderes jf § 11). Eventuelle taushetsbelagte personopplysninger skal unntas, jf § 13.',
    offl13: true,
  },
  sections: [
    {
      id: 'forberedelse',
      title: 'Forberedelse',
      core: false,
      sensitivity: 'normal',
      guide: [
        {
          text: 'Overordnet og underordnet leder forbereder seg til samtalen, bl.a. ved at status på måloppnåelsen fra virksomhetsstyringen er gjennomgått.',
        },
      ],
      fields: [
        {
          id: 'forberedelse',
          label: 'Forberedelse',
          kind: 'text',
          writer: 'both-separately',
          visibility: 'private',
        },
      ],
    },
    {
      id: 'samtale',
      title: 'Samtale mellom',
      namesParties: true,
      core: true,
      sensitivity: 'normal',
      fields: [
        {
          id: 'samtale-gjennomfort',
          label: 'Samtale gjennomført',
          kind: 'date',
          writer: 'leader',
          visibility: 'shared',
        },
      ],
    },
    {
      id: 'tema-1',
      part: 'DEL I VURDERING',
      title: 'Tema 1: Leders bidrag til måloppnåelse',
      core: true,
      sensitivity: 'normal',
      intro: [
        'Vurdering av leders bidrag til virksomhetens måloppnåelse. I tillegg skal status på mål/tiltak for leders bidrag til måloppnåelse fra forrige periodes utviklingsplan vurderes.',
      ],
      guide: [
        {
          text: 'Vurderingen skal knyttes til forventninger, krav og mål med eventuelle tilhørende resultatindikatorer beskrevet i overordnede styringsdokumenter, vedtatt budsjett, tildelingsbrev, øvrig styringsdialog og resultatstatus fra virksomhetsstyringen.',
        },
        {
          text: 'Hvilke ledelsesmessige grep, prioriteringer og vurderinger har lederen gjort som har påvirket måloppnåelsen?',
        },
        { text: 'Det understrekes at det er leders bidrag som skal vurderes.' },
        { text: GRADERING_GUIDE },
      ],
      fields: [
        {
          id: 'tema-1-forrige',
          label: 'Mål/tiltak for leders bidrag til måloppnåelse',
          kind: 'previousItems',
          sourceFieldId: 'plan-bidrag',
          writer: 'leader',
          visibility: 'shared',
        },
        {
          id: 'tema-1-vurdering',
          label: 'Vurdering av leders bidrag til virksomhetens måloppnåelse',
          kind: 'text',
          writer: 'either',
          visibility: 'shared',
        },
        gradering('tema-1-gradering'),
      ],
    },
    {
      id: 'tema-2',
      part: 'DEL I VURDERING',
      title: 'Tema 2: Lederatferd og kultur',
      core: true,
      sensitivity: 'normal',
      intro: [
        'Vurdering av leders atferd i forhold til Oslo kommunes ledelsesprinsipper m.v. I tillegg skal status på mål/tiltak lederatferd og kultur fra forrige periodes utviklingsplan vurderes.',
      ],
      guide: [
        {
          text: 'Denne delen tar utgangspunkt i Oslo kommunes ledelsesprinsipper og leders praktisering av disse.',
        },
        {
          text: 'Leders atferd skal vurderes i forhold til måloppnåelsen. I tillegg skal mål/tiltak fra forrige periodes utviklingsplan vurderes.',
        },
        {
          text: 'Kommunens verdier, etiske regler og resultater fra medarbeiderundersøkelsen kan også være tema.',
        },
        { text: GRADERING_GUIDE },
      ],
      fields: [
        {
          id: 'tema-2-forrige',
          label: 'Mål/tiltak lederatferd og kultur',
          kind: 'previousItems',
          sourceFieldId: 'plan-atferd',
          writer: 'leader',
          visibility: 'shared',
        },
        {
          id: 'tema-2-vurdering',
          label: 'Vurdering av leders atferd i forhold til Oslo kommunes ledelsesprinsipper m.v.',
          kind: 'text',
          writer: 'either',
          visibility: 'shared',
        },
        gradering('tema-2-gradering'),
      ],
    },
    {
      id: 'tema-3',
      part: 'DEL I VURDERING',
      title: 'Tema 3: Oppsummering og andre forhold',
      core: true,
      sensitivity: 'normal',
      intro: [
        'Tema som enten leder eller overordnet leder ønsker å snakke om innenfor rammen av utviklingssamtalen (se eksempler i veiledningen). I tillegg skal mål/tiltak andre forhold fra forrige periodes utviklingsplan vurderes.',
        'En oppsummering av leders bidrag og atferd kan foretas under dette punktet. Forskjellige synspunkter synliggjøres i oppsummeringen.',
        'Andre forhold: se veiledningen.',
      ],
      guide: [
        {
          text: 'Det skal være rom for å ta opp ulike temaer i utviklingssamtalen. Det anbefales at temaene avtales på forhånd. Tema kan være samarbeid, involvering, behov for lederstøtte, karriereønsker, livsfasetema og lignende. Det kan også omfatte personlige forhold som påvirker arbeidssituasjonen.',
        },
      ],
      fields: [
        {
          id: 'tema-3-forrige',
          label: 'Mål/tiltak andre forhold',
          kind: 'previousItems',
          sourceFieldId: 'plan-andre',
          writer: 'leader',
          visibility: 'shared',
        },
        {
          id: 'tema-3-andre-forhold',
          label: 'Andre forhold',
          kind: 'text',
          writer: 'either',
          visibility: 'shared',
        },
        {
          id: 'tema-3-oppsummering',
          label: 'En oppsummering av leders bidrag og atferd',
          kind: 'text',
          writer: 'either',
          visibility: 'shared',
        },
        // Differing views are made visible: each party records their own, kept apart.
        {
          id: 'tema-3-synspunkter',
          label: 'Forskjellige synspunkter',
          kind: 'text',
          writer: 'both-separately',
          visibility: 'shared',
        },
      ],
    },
    {
      id: 'del-2',
      part: 'DEL II UTVIKLINGSPLAN',
      title: 'Utviklingsplan',
      core: true,
      sensitivity: 'normal',
      intro: [
        'Med utgangspunkt i samtalens vurderingsdel, skal utviklingsplanen omfatte prioriterte utviklingsmål/tiltak for lederen for den kommende perioden som støtter opp om virksomhetens overordnede målsettinger og den enkeltes leders utvikling. Det skal legges vekt på mål/tiltak som knytter seg til leders bidrag til måloppnåelse.',
      ],
      fields: [
        {
          id: 'plan-bidrag',
          label: 'Mål/tiltak for leders bidrag til måloppnåelse',
          guide: [
            {
              text: 'Knyttes til samtalens del I, tema 1, overordnede styringsdokumenter, vedtatt budsjett, tildelingsbrev m.v.',
            },
            { text: 'Hva bør leder gjøre mer av/mindre av/annerledes i utførelsen av sin ledelse?' },
          ],
          kind: 'goalList',
          columns: PLAN_COLUMNS,
          writer: 'either',
          visibility: 'shared',
        },
        {
          id: 'plan-atferd',
          label: 'Mål/tiltak lederatferd og kultur',
          guide: [
            {
              text: 'Personlige utviklingsmål/-tiltak fastsettes med utgangspunkt i samtalens del I, tema 2.',
            },
            { text: 'Hva bør leder gjøre mer av/mindre av/annerledes?' },
          ],
          kind: 'goalList',
          columns: PLAN_COLUMNS,
          writer: 'either',
          visibility: 'shared',
        },
        {
          id: 'plan-andre',
          label: 'Mål/tiltak andre forhold',
          guide: [{ text: 'Eventuelle mål/tiltak med utgangspunkt i samtalens del I, tema 3.' }],
          kind: 'goalList',
          columns: PLAN_COLUMNS,
          writer: 'either',
          visibility: 'shared',
        },
      ],
    },
  ],
};
