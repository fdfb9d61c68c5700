import type { Field, Section, Template } from './model.ts';

// Seed 000: Vedlegg 6, the state's contract conversation for leaders.

const RESULT_FIELDS = [
  ['hovedmal-1', 'Hovedmål 1'],
  ['hovedmal-2', 'Hovedmål 2'],
  ['hovedmal-3', 'Hovedmål 3'],
  ['viktige-satsinger', 'Viktige satsinger'],
  ['fellesforinger', 'Fellesføring(er)'],
  ['dept-foring', 'Eventuell dept.-/sektorintern føring'],
  ['bidrag-utenfor', 'Bidrag til resultatoppnåelse utenfor egen avdeling/-virksomhet/ sektor'],
  ['utviklingsmal-bidrag', 'Årets bidrag til virksomhetens utviklingsmål'],
] as const;

const GUIDE_HEADING = 'Guide til forberedelse og spørsmål som kan benyttes under kontraktsamtalen';

function resultFields(prefix: 'p1' | 'p3'): Field[] {
  return RESULT_FIELDS.map(([id, label]) => ({
    id: `${prefix}-${id}`,
    label,
    kind: 'text' as const,
    writer: 'either' as const,
    visibility: 'shared' as const,
    // Punkt 1 this year assesses what Punkt 3 required last year.
    ...(prefix === 'p1' ? { prefillFrom: `p3-${id}` } : {}),
    // Next year's hovedmål may each name the unit goal they serve.
    ...(prefix === 'p3' && id.startsWith('hovedmal') ? { servesUnitGoal: true } : {}),
  }));
}

const forberedelse: Section = {
  id: 'forberedelse',
  title: 'Forberedelse',
  core: false,
  sensitivity: 'normal',
  guide: [{ text: 'Forberedelse: innhent tilbakemeldinger fra underordnede/sideordnede.' }],
  fields: [
    {
      id: 'forberedelse',
      label: 'Forberedelse',
      kind: 'text',
      writer: 'both-separately',
      visibility: 'private',
    },
  ],
};

const punkt1: Section = {
  id: 'punkt-1',
  title: 'Punkt 1: Stillings- og resultatkrav siste år',
  core: true,
  sensitivity: 'normal',
  intro: [
    'Vurdering av måloppnåelse og resultater siste år',
    'Resultater ihht. stillings- og resultatkrav',
    '(Jf. evt. tildelingsbrev/disponeringsskriv, strategiplan, VP og Prop. 1 S)',
    '(Benytt innhold i vedlegg til kontrakt siste år)',
  ],
  guideHeading: GUIDE_HEADING,
  guide: [
    {
      text: 'Hvordan vurderer du/lederen resultatoppnåelsen (inkl. kvaliteten av tjenestene)?',
      sub: [
        'Gitt rammebetingelsene – hva har lykkes og hvorfor?',
        'Gitt rammebetingelsene - hva har lykkes mindre og hvorfor?',
      ],
    },
    {
      text: 'På hvilken måte påvirker lederen resultatoppnåelsen?',
      sub: [
        'Omsetting av oppdrag til mål og strategier og virksomhetsstyring',
        'Utvikling av egen organisasjon (tillit, involvering, ansvar og roller, samhandling)',
      ],
    },
    {
      text: 'Hvilke initiativ er tatt for å:',
      sub: [
        'Utvikle politikkområdet?',
        'Bidra til at sektoren og tilstøtende sektorer oppnår målene på en helhetlig måte?',
      ],
    },
    {
      text: 'Hvilke mål er satt og hvordan jobbes det med strategisk og langsiktig utvikling av egen organisasjon? Herunder:',
      sub: [
        'Kompetanseutvikling',
        'Organisasjonsutvikling (arbeidsformer, organisasjons og beslutningsstrukturer, utvikle godt medarbeiderskap)',
        'Utvikling av godt lederskap på alle nivåer, bla. med bakgrunn i Lederplakat og lederprinsipper',
      ],
    },
    { text: 'Hvordan vurderer overordnet lederen resultatoppnåelsen?' },
  ],
  fields: resultFields('p1'),
};

const punkt2: Section = {
  id: 'punkt-2',
  title: 'Punkt 2 (til vedlegg kontrakt, del B): Utvikling av eget lederskap',
  core: true,
  sensitivity: 'normal',
  guideHeading: GUIDE_HEADING,
  guide: [
    { text: 'Forberedelse: innhent tilbakemeldinger fra underordnede/sideordnede.' },
    { text: 'Hva slags tilbakemeldinger er mottatt fra underordnede/sideordnede?' },
    {
      text: 'På hvilken måte påvirker lederskapet resultatoppnåelsen i Punkt 1?',
      sub: ['Reflekter over egen lederstil'],
    },
    { text: 'Hva anses som viktigst å jobbe med for å utvikle ditt lederskap videre?' },
    {
      text: 'Hvilken faglig utvikling er det behov for, for å utføre jobben best mulig og nå målene for arbeidsområdet?',
    },
    { text: 'Hvilke utviklingstiltak bør nedfelles i en utviklingsplan?' },
    { text: 'Hvor ser du at du er om 5 år (stilles til underordnet leder)?' },
    { text: 'På hvilken måte kan din nærmeste leder bidra til utvikling?' },
    { text: 'Er det andre forhold rundt arbeidssituasjonen eller arbeidsmiljøet som ønskes tatt opp?' },
  ],
  fields: [
    {
      id: 'p2-utviklingsplan',
      label: 'Utviklingsplan',
      kind: 'goalList',
      writer: 'either',
      visibility: 'shared',
      columns: [
        { id: 'mal', label: 'utviklingsmål', type: 'text' },
        { id: 'ansvarlig', label: 'Ansvarlig', type: 'person', role: 'owner' },
        { id: 'frist', label: 'Frist', type: 'date', role: 'due' },
      ],
    },
  ],
};

const punkt3: Section = {
  id: 'punkt-3',
  title: 'Punkt 3 (til vedlegg kontrakt, del A): Stillings- og resultatkrav kommende år',
  core: true,
  sensitivity: 'normal',
  intro: [
    'Mål og resultater kommende år',
    'Resultater ihht. tildelingsbrev/disponeringsskriv, strategiplan, VP og Prop. 1 S',
  ],
  guideHeading: GUIDE_HEADING,
  guide: [
    {
      text: 'Vurdering og avklaring av oppdrag: det forventes at lederen har vært involvert i utforming av stillings- og resultatkrav til hovedmålene',
    },
    { text: 'Gitt rammebetingelsene - hva må til for å nå målene/kravene?' },
    { text: 'Når kan målene/kravene anses for å være oppfylt?' },
    {
      text: 'Hvilke områder er det særlig viktig å jobbe med for godt lederskap i din virksomhet/organisasjon det kommende året? På hvilken måte skal det jobbes med? Hvilke mål kan settes på dette arbeidet?',
    },
  ],
  fields: resultFields('p3'),
};

const punkt4: Section = {
  id: 'punkt-4',
  title: 'Punkt 4: Fastsettelse lønn',
  core: true,
  sensitivity: 'salary',
  fields: [
    {
      id: 'p4-oppsummerte-kommentarer',
      label: 'Oppsummerte kommentarer',
      kind: 'text',
      writer: 'either',
      visibility: 'shared',
    },
    {
      id: 'p4-lederens-forventning',
      label: 'Lederens forventning basert på resultater',
      guide: [{ text: 'Hvilke momenter bør vektlegges ved vurdering av lønn?' }],
      kind: 'text',
      writer: 'employee',
      visibility: 'shared',
    },
    {
      id: 'p4-arbeidsgivers-vurdering',
      label: 'Arbeidsgiverens vurdering basert på resultater',
      guide: [{ text: 'Hvilke elementer er vektlagt ved lønnsfastsettelse?' }],
      kind: 'text',
      writer: 'leader',
      visibility: 'shared',
    },
  ],
};

export const kontraktsamtale: Template = {
  key: 'kontraktsamtale',
  version: '2026.2',
  kind: 'conversation',
  name: 'Kontraktsamtale',
  title:
    'Vedlegg 6 – Veiledning til fremdrift i kontraktsamtalen med stikkord og problemstillinger – grunnlag for nye stillings- og resultatkrav',
  source: 'seed 000',
  parties: { leader: 'Overordnet leder', employee: 'Leder' },
  marking: { text: 'Unntatt offentlighet, jf. offl. § 14 første ledd', offl13: false },
  sections: [forberedelse, punkt1, punkt2, punkt3, punkt4],
};
