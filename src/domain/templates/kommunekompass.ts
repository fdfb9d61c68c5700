import type { Field, Section, Template } from './model.ts';

// Seed 003: KS/SKR Kommunekompasset – four perspectives, eight areas of 100 points each.

export interface KompassArea {
  number: number;
  perspective: string;
  title: string;
  subAreas: { code: string; title: string; max: number; questions?: string[] }[];
}

export const KOMPASS_AREAS: KompassArea[] = [
  {
    number: 1,
    perspective: 'A. Demokrati og samfunnsutvikling',
    title: 'Offentlighet og demokrati',
    subAreas: [
      { code: '1.1', title: 'Strategi for kommunikasjon og demokratiutvikling', max: 20 },
      { code: '1.2', title: 'Kommunens informasjon til innbyggerne', max: 10 },
      { code: '1.3', title: 'Innbyggernes mulighet til dialog med politikken', max: 30 },
      { code: '1.4', title: 'Transparens om resultater', max: 10 },
      { code: '1.5', title: 'Forutsetninger for gode politisk prosesser', max: 30 },
    ],
  },
  {
    number: 2,
    perspective: 'A. Demokrati og samfunnsutvikling',
    title: 'Samfunnsutvikling',
    subAreas: [
      { code: '2.1', title: 'Strategisk fokus', max: 15 },
      { code: '2.2', title: 'Sosial holdbarhet', max: 30 },
      { code: '2.3', title: 'Bærekraft og økologisk holdbarhet', max: 30 },
      { code: '2.4', title: 'Sivilsamfunn, næringsliv og kultur', max: 25 },
    ],
  },
  {
    number: 3,
    perspective: 'B. Styring og effektivitet',
    title: 'Styring og kontroll',
    subAreas: [
      { code: '3.1', title: 'Strategi for styring', max: 10 },
      { code: '3.2', title: 'Politisk styring', max: 40 },
      { code: '3.3', title: 'Analyse og rapportering', max: 30 },
      { code: '3.4', title: 'Samspill politikk og administrasjon', max: 20 },
    ],
  },
  {
    number: 4,
    perspective: 'B. Styring og effektivitet',
    title: 'Effektivitet',
    subAreas: [
      { code: '4.1', title: 'Strategi for effektivitet', max: 20 },
      { code: '4.2', title: 'Langsiktig planlegging for å øke effektiviteten', max: 20 },
      { code: '4.3', title: 'Sammenligninger for å øke effektiviteten', max: 20 },
      { code: '4.4', title: 'Nye arbeidsmåter og ny teknikk som øker effektiviteten', max: 20 },
      { code: '4.5', title: 'Samarbeid for å øke effektiviteten', max: 20 },
    ],
  },
  {
    number: 5,
    perspective: 'C. Tjenestekvalitet',
    title: 'Brukernes fokus og service',
    subAreas: [
      { code: '5.1', title: 'Strategi for å ha brukerens fokus og service', max: 20 },
      { code: '5.2', title: 'Medarbeidernes fokus på service', max: 20 },
      { code: '5.3', title: 'Informasjon og tilgjengelighet', max: 20 },
      { code: '5.4', title: 'Informasjon om tjenestetilbud', max: 20 },
      { code: '5.5', title: 'Muligheten til å påvirke utformingen av egne tjenester', max: 20 },
    ],
  },
  {
    number: 6,
    perspective: 'C. Tjenestekvalitet',
    title: 'Kvalitetsutvikling',
    subAreas: [
      { code: '6.1', title: 'Strategi for kvalitetsutvikling', max: 20 },
      { code: '6.2', title: 'Sentral koordinering av kvalitetsarbeidet', max: 20 },
      {
        code: '6.3',
        title: 'Kontinuerlig forbedring',
        max: 30,
        questions: [
          '6.3.1 Hvordan jobber kommunen med kontinuerlig forbedring for å utvikle kvaliteten på tjenestene? (Kvalitetssystemer, kvalitetssirkler/nettverk, avviksmeldinger, lærende nettverk, etc)',
          '6.3.2 Hvordan støtter kommunen innovasjonsarbeidet for å utvikle kvaliteten i tjenestene (system, verktøy, innovasjonspris, penger, kurs, etc)?',
        ],
      },
      { code: '6.4', title: 'Samarbeid for kvalitetsutvikling', max: 30 },
    ],
  },
  {
    number: 7,
    perspective: 'D. Organisasjonskvalitet',
    title: 'Arbeidsliv',
    subAreas: [
      { code: '7.1', title: 'Strategi for et bærekraftig arbeidsliv', max: 15 },
      { code: '7.2', title: 'Strategisk kompetansemobilisering', max: 40 },
      {
        code: '7.3',
        title: 'Arbeidsmiljø og sykefravær',
        max: 25,
        questions: [
          '7.3.1 Hvordan jobber kommunen med sitt systematiske arbeidsmiljøarbeid?',
          '7.3.2 Hvordan arbeider kommunen med nærvær og lavt sykefravær?',
        ],
      },
      { code: '7.4', title: 'Likeverd og mangfold', max: 20 },
    ],
  },
  {
    number: 8,
    perspective: 'D. Organisasjonskvalitet',
    title: 'Lederskap og medarbeiderskap',
    subAreas: [
      { code: '8.1', title: 'Strategi for lederskap og medarbeiderskap', max: 20 },
      { code: '8.2', title: 'Lederskapets oppdrag og forutsetninger', max: 30 },
      { code: '8.3', title: 'Intern kommunikasjon og ledelsesinformasjon', max: 20 },
      { code: '8.4', title: 'Utvikling av lederskap og medarbeiderskap', max: 30 },
    ],
  },
];

export const GROUNDS = [
  'System/prosess – hvor gjennomarbeidet og dokumentert er systemet/prosessen?',
  'Omfang – i hvor stor del av kommunen benyttes systemet?',
  'Resultat/analyse – hvordan evner kommunen å lære av resultatene samt ta de inn i organisasjonen og hvordan utvikler kommunen systemet/prosessen og bruker det over tid?',
];

export const REPORT_LISTS = [
  ['styrker', 'Styrker'],
  ['utfordringer', 'Utfordringer'],
  ['svakheter', 'Svakheter'],
] as const;

export const scoreFieldId = (code: string) => `kk-${code.replace('.', '-')}`;

function areaSection(area: KompassArea): Section {
  const scores: Field[] = area.subAreas.map((s) => ({
    id: scoreFieldId(s.code),
    label: `${s.code} ${s.title}`,
    kind: 'score',
    max: s.max,
    writer: 'leader',
    visibility: 'shared',
    ...(s.questions ? { guide: s.questions.map((text) => ({ text })) } : {}),
  }));
  const lists: Field[] = REPORT_LISTS.map(([id, label]) => ({
    id: `kk-${area.number}-${id}`,
    label,
    kind: 'text',
    writer: 'leader',
    visibility: 'shared',
  }));
  return {
    id: `omrade-${area.number}`,
    part: area.perspective,
    title: `${area.number}. ${area.title}`,
    core: true,
    sensitivity: 'normal',
    guideHeading: 'Poenggivning',
    guide: GROUNDS.map((text) => ({ text })),
    fields: [...scores, ...lists],
  };
}

export const kommunekompass: Template = {
  key: 'kommunekompass',
  version: '2026.1',
  kind: 'assessment',
  name: 'Kommunekompasset',
  title: 'Kommunekompasset',
  source: 'seed 003',
  parties: { leader: 'Kommunedirektør', employee: 'Kommunen' },
  // A Kommunekompass report is not exempt from public access by default.
  marking: { text: '', offl13: false },
  sections: KOMPASS_AREAS.map(areaSection),
};
