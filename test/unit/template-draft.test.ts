// The template editor's draft (tab/src/template-editor/draft.ts): plain functions over the template
// model, so they are tested here without a browser.
import { describe, expect, it } from 'vitest';
import { medarbeidersamtale10Faktor } from '../../src/domain/templates/medarbeidersamtale-10-faktor.ts';
import { customiseTemplate } from '../../src/domain/templates/registry.ts';
import {
  addField,
  addSection,
  changes,
  dependents,
  guideToText,
  moveField,
  moveSection,
  newId,
  removeField,
  textToGuide,
  updateField,
  updateSection,
  withNynorsk,
  withNynorskLabels,
} from '../../tab/src/template-editor/draft.ts';
import { templateIn } from '../../tab/src/template.ts';

const base = medarbeidersamtale10Faktor.sections;

describe('the template draft', () => {
  it('reads guide text as questions, a "- " line under the one above, and writes it back the same', () => {
    const guide = textToGuide(
      'Hva gjør at du trives?\n- på avdelingen\n\n  – med kollegene \nHva kan bli bedre?\n',
    );
    expect(guide).toEqual([
      { text: 'Hva gjør at du trives?', sub: ['på avdelingen', 'med kollegene'] },
      { text: 'Hva kan bli bedre?' },
    ]);
    expect(textToGuide(guideToText(guide))).toEqual(guide);
    expect(textToGuide(' \n ')).toBeUndefined();
  });

  it('gives added parts ids that fit the contract and never clash', () => {
    expect(newId('Trivsel på jobben – ÆØÅ!', [])).toBe('egen-trivsel-pa-jobben-aeoa');
    expect(newId('Trivsel', ['egen-trivsel', 'egen-trivsel-2'])).toBe('egen-trivsel-3');
    expect(newId('???', [])).toBe('egen-del');
    expect(newId('Résumé', [])).toBe('egen-resume');
    expect(newId('x'.repeat(200), [])).toMatch(/^[a-z0-9][a-z0-9-]{0,79}$/);
  });

  it('moves within bounds, and says what changes in words a person reads', () => {
    expect(moveSection(base, 'struktur', -1)).toEqual(base);
    const field = {
      id: 'egen-trivsel',
      label: 'Trivsel',
      kind: 'text',
      writer: 'either',
      visibility: 'shared',
    } as const;
    const added = addField(base, 'struktur', field);
    const moved = moveField(added, 'struktur', 'egen-trivsel', -1);
    expect(
      moved
        .find((s) => s.id === 'struktur')!
        .fields.map((f) => f.id)
        .slice(-2),
    ).toEqual(['egen-trivsel', 'struktur-4']);
    // An added field's place is part of adding it, not a new order of what was there.
    expect(changes(base, moved)).toEqual([
      { kind: 'fieldAdded', section: 'Struktur for samtalen', label: 'Trivsel' },
    ]);
    expect(changes(base, moveSection(base, 'faktor-1', 1))).toEqual([{ kind: 'orderChanged' }]);
    const withSection = addSection(base, 'Avslutning');
    expect(changes(base, withSection.sections)).toEqual([{ kind: 'sectionAdded', title: 'Avslutning' }]);
    expect(changes(base, removeField(base, 'struktur', 'struktur-1'))).toEqual([
      {
        kind: 'fieldRemoved',
        section: 'Struktur for samtalen',
        label: '1. Hvordan har det siste året vært for deg?',
      },
    ]);
    // What the draft holds is what the server takes: the added field and the new section pass its check.
    expect(
      customiseTemplate(medarbeidersamtale10Faktor, addSection(moved, 'Avslutning').sections, 't.1').ok,
    ).toBe(true);
  });

  it('knows which fields take their content from another (they keep their source)', () => {
    expect(
      dependents(base)
        .get('handlingsplan')
        ?.map((f) => f.id),
    ).toEqual(['handlingsplan-forrige']);
  });
});

describe('nynorsk words in the draft, and as a reader reads them', () => {
  const translated = updateField(
    updateSection(base, 'struktur', (s) => withNynorsk(s, { title: 'Struktur for samtalen på nynorsk' })),
    'handlingsplan',
    'handlingsplan',
    (f) =>
      f.kind === 'actionPlan'
        ? {
            ...withNynorsk(f, { label: 'Handlingsplan (nn)' }),
            columns: withNynorskLabels(f.columns, '\nKva skal gjerast?\n\n'),
          }
        : f,
  );

  it('keeps only what is written: a blank text is left out, and no words leave no nn at all', () => {
    const section = translated.find((s) => s.id === 'struktur')!;
    expect(section.nn).toEqual({ title: 'Struktur for samtalen på nynorsk' });
    expect(withNynorsk(section, { title: '  ' }).nn).toBeUndefined();
    expect(withNynorsk(section, { title: '' })).not.toHaveProperty('nn');
    const plan = translated
      .find((s) => s.id === 'handlingsplan')!
      .fields.find((f) => f.id === 'handlingsplan')!;
    // One a line, in the columns' order: a blank line leaves its column without nynorsk.
    expect(plan.kind === 'actionPlan' && plan.columns.map((c) => c.nn)).toEqual([
      undefined,
      { label: 'Kva skal gjerast?' },
      ...Array<undefined>(4).fill(undefined),
    ]);
  });

  it('says a translation as a change of its own, never as a changed field (a core field may have one)', () => {
    expect(changes(base, translated)).toEqual([
      { kind: 'nynorskChanged', label: 'Struktur for samtalen' },
      { kind: 'nynorskChanged', label: 'Handlingsplan' },
    ]);
    expect(customiseTemplate(medarbeidersamtale10Faktor, translated, 't.1').ok).toBe(true);
  });

  it('reads nynorsk where the reader reads nynorsk and it is written; the seed text otherwise', () => {
    const template = { ...medarbeidersamtale10Faktor, sections: translated };
    const nn = templateIn(template, 'nn');
    expect(nn.sections.find((s) => s.id === 'struktur')!.title).toBe('Struktur for samtalen på nynorsk');
    const plan = nn.sections
      .find((s) => s.id === 'handlingsplan')!
      .fields.find((f) => f.id === 'handlingsplan')!;
    expect(plan.label).toBe('Handlingsplan (nn)');
    expect(plan.kind === 'actionPlan' && plan.columns.map((c) => c.label).slice(0, 2)).toEqual([
      'Mål',
      'Kva skal gjerast?',
    ]);
    // A part without nynorsk keeps the seed's words, guide and all.
    expect(nn.sections.find((s) => s.id === 'faktor-1')).toEqual(
      medarbeidersamtale10Faktor.sections.find((s) => s.id === 'faktor-1'),
    );
    // Bokmål and English readers read the seed as written.
    expect(templateIn(template, 'nb')).toBe(template);
    expect(templateIn(template, 'en')).toBe(template);
  });
});
