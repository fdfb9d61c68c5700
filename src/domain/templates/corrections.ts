// Obvious spelling errors in the seed documents, corrected in the templates. The meaning never
// changes; each is listed with the seed's original in docs/template-sources.md, and the seed-fidelity
// test reads the templates through this list back to the seeds' own words.
export interface SpellingCorrection {
  template: string;
  seed: string;
  original: string;
  corrected: string;
}

export const SPELLING_CORRECTIONS: readonly SpellingCorrection[] = [
  {
    template: 'kontraktsamtale',
    seed: '000',
    original: 'har vær involvert',
    corrected: 'har vært involvert',
  },
  {
    template: 'kontraktsamtale',
    seed: '000',
    original: 'Lederens forventing basert',
    corrected: 'Lederens forventning basert',
  },
  {
    template: 'utviklingssamtale-leder',
    seed: '001',
    original: 'beskrevet i overordende styringsdokumenter',
    corrected: 'beskrevet i overordnede styringsdokumenter',
  },
  {
    template: 'virksomhetsplan',
    seed: '004',
    original: 'planglagte tiltakene',
    corrected: 'planlagte tiltakene',
  },
];
