import type { GuideQuestion, Section, Template } from './model.ts';

// Seed 002: Medarbeidersamtale – en utviklingssamtale med utgangspunkt i 10-faktor (KS).

const FACTORS: [title: string, guide: GuideQuestion[]][] = [
  [
    'Oppgavemotivasjon – motivasjon for selve oppgavene',
    [
      { text: 'Hva skal til for å gjøre jobben meningsfull og spennende?' },
      { text: 'Hva er de viktigste motivasjonsfaktorene?' },
    ],
  ],
  ['Mestringstro – tiltro til egen jobbkompetanse.', [{ text: 'Selvtillit på jobb – hva påvirker dette?' }]],
  [
    'Selvstendighet – opplevd tillit og mulighet til å jobbe selvstendig',
    [
      { text: 'Hva bør det være rom for å ta egne avgjørelser på?' },
      { text: 'Hva vil være et tilstrekkelig handlingsrom?' },
    ],
  ],
  [
    'Bruk av kompetanse – opplevd bruk av egen kompetanse',
    [
      {
        text: 'Hva skal til for å få brukt egen kompetanse best mulig i jobben?',
        sub: ['(kunnskaper, ferdigheter, holdninger og evner)'],
      },
    ],
  ],
  [
    'Mestringsorientert ledelse – ledelse med vekt på å gjøre medarbeiderne best mulig ut fra sine forutsetninger',
    [{ text: 'Hvordan kan leder støtte og bidra til best mulig jobbutførelse?' }],
  ],
  [
    'Rolleklarhet – tydelig kommuniserte forventninger',
    [
      { text: 'Er jobbeskrivelsen tydelig og dekkende?', sub: ['(jf: kompetansemodulen)'] },
      { text: 'Aktuelle forventninger til leveranser, oppgaver og atferd neste periode' },
    ],
  ],
  [
    'Relevant kompetanseutvikling',
    [{ text: 'Hva vil være relevante kompetanseutviklingstiltak i neste periode?' }],
  ],
  [
    'Fleksibilitetsvilje – villighet til å være fleksibel på jobb',
    [
      { text: 'Hvilke behov er det for fleksibilitet i jobben?' },
      { text: 'Hvordan håndtere endringer som kommer best mulig?' },
    ],
  ],
  [
    'Mestringsklima – kultur for å samarbeide og gjøre hverandre gode',
    [
      { text: 'Hvem bør samarbeide om hva?' },
      { text: 'Hvilke tiltak er viktig for å bygge og vedlikeholde et mestringsklima?' },
    ],
  ],
  [
    'Nytteorientert motivasjon – ønske om å bidra til andres måloppnåelse',
    [{ text: 'Hvordan bidra til andres måloppnåelse i neste periode?' }],
  ],
];

const STRUCTURE: [id: string, label: string, guide: string[]][] = [
  [
    'struktur-1',
    '1. Hvordan har det siste året vært for deg?',
    ['Generell opplevelse av jobbsituasjon og jobbutførelse det siste året.'],
  ],
  [
    'struktur-2',
    '2. Hva vil bli dine viktigste oppgaver i det kommende året?',
    ['Gjennomgang av jobbeskrivelsen for forventningsstyring (fylt ut i forkant i kompetansemodulen)'],
  ],
  [
    'struktur-3',
    '3. Dialog om utviklings- og forbedringspunkter frem i tid (vedlagt mal).',
    ['Gjennomgang av egenvurdering med utgangspunkt i begreper fra 10- faktor.'],
  ],
  [
    'struktur-4',
    '4. Personlige mål og fremtidsplaner.',
    [
      'Definer personlige utviklingsmål og eventuelle planer for de kommende tre årene',
      'Handlingsplan og plan for kompetanseutvikling (utviklingsplan i kompetansemodulen) benyttes.',
    ],
  ],
];

const factorSections: Section[] = FACTORS.map(([title, guide], i) => ({
  id: `faktor-${i + 1}`,
  part: 'Faktor- spørsmål',
  title,
  core: true,
  sensitivity: 'normal',
  guide,
  fields: [
    // The employee's own reflection is private until they share it.
    {
      id: `faktor-${i + 1}-refleksjon`,
      label: 'Egen refleksjon – forberedelse',
      kind: 'reflection',
      writer: 'employee',
      visibility: 'private',
    },
    { id: `faktor-${i + 1}-samtale`, label: 'Samtale', kind: 'text', writer: 'either', visibility: 'shared' },
  ],
}));

export const medarbeidersamtale10Faktor: Template = {
  key: 'medarbeidersamtale-10-faktor',
  version: '2026.2',
  kind: 'conversation',
  name: 'Medarbeidersamtale',
  title: 'Medarbeidersamtale',
  subtitle: '- en utviklingssamtale med utgangspunkt i 10-faktor',
  source: 'seed 002',
  parties: { leader: 'Leder', employee: 'Medarbeider' },
  basisDocuments: {
    heading: 'Utgangspunkt for samtalen ligger i strategiske føringer for virksomheten fra:',
    items: [
      'Budsjett og årsplan',
      'Tildelingsbrev',
      'Strategiske planer',
      'Verdigrunnlag',
      'Etiske regler',
      'Leder-, arbeidsgiver og medarbeiderprinsipper',
      'Stillingsbeskrivelse',
      'Jobbeskrivelse (kompetansemodulen)',
      'Kompetansekrav til stillingen (kompetansemodulen)',
    ],
  },
  marking: { text: 'Unntatt offentlighet, jf. offl. § 14 første ledd', offl13: false },
  sections: [
    {
      id: 'struktur',
      title: 'Struktur for samtalen',
      core: true,
      sensitivity: 'normal',
      fields: STRUCTURE.map(([id, label, guide]) => ({
        id,
        label,
        guide: guide.map((text) => ({ text })),
        kind: 'text' as const,
        writer: 'either' as const,
        visibility: 'shared' as const,
      })),
    },
    ...factorSections,
    {
      id: 'handlingsplan',
      title: 'Handlingsplan',
      core: true,
      sensitivity: 'normal',
      fields: [
        // Last time's plan, with its follow-up, so this year's conversation starts from it.
        {
          id: 'handlingsplan-forrige',
          label: 'Handlingsplan fra forrige samtale',
          kind: 'previousItems',
          sourceFieldId: 'handlingsplan',
          writer: 'leader',
          visibility: 'shared',
        },
        {
          id: 'handlingsplan',
          label: 'Handlingsplan',
          kind: 'actionPlan',
          writer: 'either',
          visibility: 'shared',
          columns: [
            { id: 'mal', label: 'Mål', hint: 'Hvilke resultater skal oppnås?', type: 'text' },
            { id: 'hva', label: 'Hva skal gjøres?', group: 'Handlingsplan', type: 'text' },
            { id: 'hvem', label: 'Hvem', group: 'Handlingsplan', type: 'person', role: 'owner' },
            { id: 'nar', label: 'Når', group: 'Handlingsplan', type: 'date', role: 'due' },
            { id: 'resultat', label: 'Resultat', hint: 'Hvilke mål ble nådd?', type: 'text' },
            {
              id: 'status',
              label: 'Status',
              hint: 'Som forventet, over eller under forventninger?',
              type: 'rating',
              options: [
                { id: 'under', label: 'under' },
                { id: 'som', label: 'Som forventet' },
                { id: 'over', label: 'over' },
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'signering',
      title: 'Dato',
      core: true,
      sensitivity: 'normal',
      fields: [{ id: 'dato', label: 'Dato', kind: 'date', writer: 'leader', visibility: 'shared' }],
    },
  ],
};
