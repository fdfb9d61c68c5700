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
} from '../../tab/src/template-editor/draft.ts';

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
