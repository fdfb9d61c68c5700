import type { Template } from './model.ts';

// Seed 004: "Åtte enkle trinn for mål- og resultatstyring" – a unit's yearly plan with quarterly follow-up.

const trinn = (n: number, text: string) => ({ id: `trinn-${n}`, label: `Trinn ${n}:`, text });

const STEPS = [
  trinn(1, 'Forankre mål- og resultatstyring i kommunens ledelse, både administrativt og politisk.'),
  trinn(2, 'Forankre mål- og resultatstyring i egen enhet.'),
  trinn(
    3,
    'Enhetens ledelse presenterer informasjon om mål- og resultatstyring for sine ansatte med beskrivelse av hensikt, verktøy som skal benyttes og plan for gjennomføring.',
  ),
];

export const virksomhetsplan: Template = {
  key: 'virksomhetsplan',
  version: '2026.3',
  kind: 'plan',
  name: 'Virksomhetsplan',
  title: 'Åtte enkle trinn for mål- og resultatstyring',
  source: 'seed 004',
  parties: { leader: 'Enhetens ledelse', employee: 'Ansvarsperson' },
  // A unit's plan is normally a public document: no exemption marking unless the organisation adds one.
  marking: { text: '', offl13: false },
  sections: [
    {
      id: 'forankring',
      title: 'Forankring',
      core: true,
      sensitivity: 'normal',
      guide: STEPS.map((s) => ({ text: `${s.label} ${s.text}` })),
      fields: STEPS.map((s) => ({
        id: `${s.id}-gjennomfort`,
        label: s.label.replace(':', ''),
        kind: 'date' as const,
        writer: 'leader' as const,
        visibility: 'shared' as const,
      })),
    },
    {
      id: 'mal',
      title: 'Trinn 4:',
      core: true,
      sensitivity: 'normal',
      intro: [
        'Avsett tid for de ansatte til å utarbeide mål- og resultatindikatorer i et planverktøy, som for eksempel en virksomhetsplan.',
        'Trinn 5: Enheten utarbeider en virksomhetsplan for et kalenderår av gangen.',
      ],
      fields: [
        {
          id: 'mal',
          label: 'Mål',
          kind: 'goalList',
          writer: 'leader',
          visibility: 'shared',
          columns: [
            { id: 'mal', label: 'Mål', type: 'text' },
            { id: 'resultatindikator', label: 'Resultatindikator', type: 'text' },
            { id: 'tiltak', label: 'Tiltak', type: 'text' },
            { id: 'ansvarsperson', label: 'Ansvarsperson', type: 'person', role: 'owner' },
            { id: 'frist', label: 'Tidfestet', type: 'date', role: 'due' },
          ],
        },
        {
          id: 'forutsetninger',
          label: 'Viktige forutsetninger er:',
          kind: 'checklist',
          writer: 'leader',
          visibility: 'shared',
          options: [
            { id: 'malbar', label: 'Ledelsen og de ansatte utarbeider klart definerte mål som er målbare.' },
            { id: 'enkle', label: 'Målene er enkle.' },
            { id: 'tidfestet', label: 'Målene er tidfestet.' },
            {
              id: 'ansvarsperson',
              label: 'En ansvarsperson oppnevnes for å innhente informasjon om oppnådde resultater.',
            },
            {
              id: 'felles-forstaelse',
              label: 'Involverte parter har en felles forståelse av hva som er målet.',
            },
            { id: 'meningsfylt', label: 'Involverte parter føler målet som meningsfylt.' },
            { id: 'realistisk', label: 'Mål og tiltak er realistiske.' },
          ],
        },
      ],
    },
    {
      id: 'oppfolging',
      title: 'Trinn 6:',
      core: true,
      sensitivity: 'normal',
      intro: ['Kvartalvis oppfølging av virksomhetsplanen.'],
      fields: [
        {
          id: 'resultater',
          label: 'Resultater:',
          kind: 'text',
          writer: 'either',
          visibility: 'shared',
          guide: [
            { text: 'Hva er oppnådd?' },
            {
              text: 'Hva er ikke oppnådd? Husk: En person bør ha ansvaret for å innhente informasjon om resultater.',
            },
          ],
        },
        {
          id: 'tiltak',
          label: 'Tiltak:',
          kind: 'text',
          writer: 'either',
          visibility: 'shared',
          guide: [
            { text: 'Hvilke tiltak er gjennomført etter planen?' },
            { text: 'Analyse av årsaker til god måloppnåelse: antatt avgjørende faktorer.' },
            { text: 'Skal noen av de planlagte tiltakene avsluttes, justeres og/eller erstattes av andre?' },
            {
              text: 'Vurdere om andre interne/eksterne forhold kan være av betydning for oppnådde resultater.',
            },
            { text: 'Bør andre enheter i kommunen eller eksterne instanser involveres?' },
            {
              text: 'Ledelsen inspirerer jevnlig slik at alle ansatte opplever at måloppnåelse har høy status i virksomheten.',
            },
          ],
        },
      ],
    },
    {
      id: 'rapportering',
      title: 'Trinn 7:',
      core: true,
      sensitivity: 'normal',
      intro: [
        'Presentasjon og rapportering av virksomhetsplan. Når resultater og analyser av virksomhetsplan for kalenderåret foreligger, presenteres denne for de ansatte i enheten og for kommunens ledelse (eks på rådmannens ledermøte og/eller i formannskapet).',
      ],
      fields: [
        {
          id: 'rapport',
          label: 'Presentasjon og rapportering av virksomhetsplan.',
          kind: 'text',
          writer: 'leader',
          visibility: 'shared',
        },
        { id: 'presentert', label: 'Trinn 7', kind: 'date', writer: 'leader', visibility: 'shared' },
      ],
    },
    {
      id: 'neste-ar',
      title: 'Trinn 8:',
      core: true,
      sensitivity: 'normal',
      intro: ['Nå som grunnlaget for arbeidet er lagt, utvikles en ny virksomhetsplan for neste kalenderår.'],
      fields: [],
    },
  ],
};
