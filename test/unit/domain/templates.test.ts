import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreKommunekompass } from '../../../src/domain/kommunekompass.ts';
import { KOMPASS_AREAS, scoreFieldId } from '../../../src/domain/templates/kommunekompass.ts';
import { allFields, type Section, type Template } from '../../../src/domain/templates/model.ts';
import {
  BUILT_IN_TEMPLATES,
  builtInTemplate,
  customiseTemplate,
} from '../../../src/domain/templates/registry.ts';
import { SEEDS_PRESENT, seedText, squash } from '../../helpers/seeds.ts';
import { SPELLING_CORRECTIONS } from '../../../src/domain/templates/corrections.ts';
import { readFileSync } from 'node:fs';

const SEED_OF: Record<string, string> = {
  kontraktsamtale: '000',
  'utviklingssamtale-leder': '001',
  'medarbeidersamtale-10-faktor': '002',
  kommunekompass: '003',
  virksomhetsplan: '004',
};

// Labels the app adds for its own mechanics (a preparation box, owner and deadline of a plan row,
// a notes box beside each 10-faktor reflection). Everything else must come from the seed.
const APP_OWN = new Set([
  'Forberedelse',
  'Samtale',
  'Ansvarlig',
  'Frist',
  'Tidfestet',
  'Resultatindikator',
  'Mål/tiltak',
  'Utviklingsplan',
  'Forankring',
  'Trinn 7',
  'Handlingsplan fra forrige samtale',
]);

/** Every piece of wording a template carries: titles, intros, guide questions, labels, options, columns. */
function wording(t: Template): string[] {
  const out: string[] = [t.title, ...(t.subtitle ? [t.subtitle] : []), t.parties.leader, t.parties.employee];
  if (t.purpose) out.push(t.purpose.lead, ...t.purpose.points);
  if (t.basisDocuments) out.push(t.basisDocuments.heading, ...t.basisDocuments.items);
  for (const s of t.sections) {
    out.push(
      ...s.title.split(/(?<=:) /),
      ...(s.part ? [s.part] : []),
      ...(s.intro ?? []),
      ...(s.guideHeading ? [s.guideHeading] : []),
    );
    for (const g of s.guide ?? []) out.push(g.text, ...(g.sub ?? []));
    for (const f of s.fields) {
      out.push(f.label);
      for (const g of f.guide ?? []) out.push(g.text, ...(g.sub ?? []));
      if ('options' in f) out.push(...f.options.map((o) => o.label));
      if ('columns' in f)
        for (const c of f.columns)
          out.push(c.label, ...(c.group ? [c.group] : []), ...(c.hint ? [c.hint] : []));
    }
  }
  return out;
}

describe('seed fidelity', () => {
  it('has all five templates', () => {
    expect(BUILT_IN_TEMPLATES.map((t) => t.key).sort()).toEqual(Object.keys(SEED_OF).sort());
  });

  for (const template of BUILT_IN_TEMPLATES) {
    it.skipIf(!SEEDS_PRESENT)(
      `${template.key}: every label and guide question is word for word in seed ${SEED_OF[template.key]}`,
      () => {
        const seed = squash(seedText(SEED_OF[template.key] ?? ''));
        // A corrected spelling is compared in the seed's own spelling.
        const original = (w: string) =>
          SPELLING_CORRECTIONS.filter((c) => c.template === template.key).reduce(
            (text, c) => text.replaceAll(c.corrected, c.original),
            w,
          );
        const missing = wording(template)
          .map(original)
          .filter((w) => !APP_OWN.has(w) && !seed.toLowerCase().includes(squash(w).toLowerCase()));
        expect(missing).toEqual([]);
      },
    );
  }

  it('kontraktsamtale: Punkt 1 and Punkt 3 carry the same eight fields, and Punkt 1 is prefilled from Punkt 3', () => {
    const t = builtInTemplate('kontraktsamtale')!;
    const labels = (id: string) => t.sections.find((s) => s.id === id)!.fields.map((f) => f.label);
    expect(labels('punkt-1')).toEqual(labels('punkt-3'));
    expect(labels('punkt-1')).toHaveLength(8);
    const p1 = t.sections.find((s) => s.id === 'punkt-1')!.fields;
    expect(p1.map((f) => f.prefillFrom)).toEqual(
      t.sections.find((s) => s.id === 'punkt-3')!.fields.map((f) => f.id),
    );
    expect(t.sections.find((s) => s.id === 'punkt-4')!.sensitivity).toBe('salary');
    expect(t.sections.filter((s) => s.sensitivity === 'salary').map((s) => s.id)).toEqual(['punkt-4']);
  });

  it('corrects only the listed obvious spelling errors, each documented with the seed’s original', () => {
    const docs = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'docs', 'template-sources.md'),
      'utf8',
    );
    for (const c of SPELLING_CORRECTIONS) {
      const words = wording(builtInTemplate(c.template)!);
      expect(
        words.some((w) => w.includes(c.corrected)),
        c.corrected,
      ).toBe(true);
      expect(
        words.some((w) => w.includes(c.original)),
        c.original,
      ).toBe(false);
      expect(docs).toContain(`«${c.original}»`);
      expect(docs).toContain(`«${c.corrected}»`);
    }
    expect(wording(builtInTemplate('kontraktsamtale')!)).toContain(
      'Lederens forventning basert på resultater',
    );
  });

  it('medarbeidersamtale: ten factors, each a private reflection beside a shared note, and the six-column action plan', () => {
    const t = builtInTemplate('medarbeidersamtale-10-faktor')!;
    const factors = t.sections.filter((s) => s.id.startsWith('faktor-'));
    expect(factors).toHaveLength(10);
    for (const f of factors) {
      expect(f.fields.map((x) => [x.kind, x.writer, x.visibility])).toEqual([
        ['reflection', 'employee', 'private'],
        ['text', 'either', 'shared'],
      ]);
      expect(f.guide!.length).toBeGreaterThan(0);
    }
    const plan = allFields(t).find((f) => f.id === 'handlingsplan')!;
    expect(plan.kind === 'actionPlan' && plan.columns.map((c) => c.label)).toEqual([
      'Mål',
      'Hva skal gjøres?',
      'Hvem',
      'Når',
      'Resultat',
      'Status',
    ]);
  });

  it('utviklingssamtale: three themes graded under / som / over forventet, differing views kept per party, § 13 marking', () => {
    const t = builtInTemplate('utviklingssamtale-leder')!;
    const ratings = allFields(t).filter((f) => f.kind === 'rating');
    expect(ratings).toHaveLength(2);
    for (const r of ratings)
      expect(r.kind === 'rating' && r.options.map((o) => o.label)).toEqual([
        'under forventet',
        'som forventet',
        'over forventet',
      ]);
    expect(allFields(t).find((f) => f.id === 'tema-3-synspunkter')!.writer).toBe('both-separately');
    expect(
      allFields(t)
        .filter((f) => f.kind === 'previousItems')
        .map((f) => f.kind === 'previousItems' && f.sourceFieldId),
    ).toEqual(['plan-bidrag', 'plan-atferd', 'plan-andre']);
    expect(t.marking.offl13).toBe(true);
    expect(t.marking.text).toContain('jf § 13');
  });

  it('kommunekompass: 8 areas, sub-area maxima sum to 100 per area and 800 in all', () => {
    expect(KOMPASS_AREAS).toHaveLength(8);
    for (const area of KOMPASS_AREAS) expect(area.subAreas.reduce((s, x) => s + x.max, 0)).toBe(100);
    expect(scoreKommunekompass({}).max).toBe(800);
  });
});

describe.skipIf(!SEEDS_PRESENT)('Kommunekompass scoring against Midtre Gauldal (seed 003)', () => {
  // Sub-area scores as read from seed 003, area by area.
  const seed = SEEDS_PRESENT ? seedText('003') : '';
  const entered: Record<string, number> = {};
  const stated: Record<number, number> = {};
  for (const area of KOMPASS_AREAS) {
    const head = new RegExp(`\\n${area.number}\\. [^\\n]*? (\\d+) 100\\s*\\n`).exec(seed);
    stated[area.number] = Number(head?.[1]);
    for (const sub of area.subAreas) {
      const m = new RegExp(`\\n${sub.code.replace('.', '\\.')} [^\\n]*? (\\d+,\\d) ${sub.max}\\s*\\n`).exec(
        seed,
      );
      if (m?.[1]) entered[scoreFieldId(sub.code)] = Number(m[1].replace(',', '.'));
    }
  }

  it('reads every sub-area score and area score from the seed', () => {
    expect(Object.keys(entered)).toHaveLength(KOMPASS_AREAS.reduce((n, a) => n + a.subAreas.length, 0));
    expect(Object.values(stated)).toEqual([62, 77, 87, 68, 41, 67, 69, 84]);
    expect(Object.values(stated).reduce((a, b) => a + b, 0)).toBe(555);
    expect(entered['kk-3-2']).toBe(35.3);
  });

  it('reproduces every area score the seed states from its own sub-areas, except area 2, where the seed disagrees with itself', () => {
    const result = scoreKommunekompass(entered);
    const computed = Object.fromEntries(result.areas.map((a) => [a.area, a.score]));
    for (const area of [1, 3, 4, 5, 6, 7, 8]) expect(computed[area]).toBe(stated[area]);
    // Seed 003 prints 77 for area 2, but its sub-areas are 8,0 + 25,0 + 18,4 + 21,7 = 73,1.
    expect(result.areas[1]!.tenths).toBe(731);
    expect(computed[2]).toBe(73);
    expect(result.total).toBe(555 - (77 - 73));
  });

  it('rounds half up from exact tenths (61,5 → 62) and ignores nothing entered', () => {
    const area1 = scoreKommunekompass(entered).areas[0]!;
    expect(area1.tenths).toBe(615);
    expect(area1.score).toBe(62);
  });
});

describe('organisation customisation', () => {
  const base = builtInTemplate('utviklingssamtale-leder')!;
  const extra: Section = {
    id: 'lokale-prinsipper',
    title: 'Våre ledelsesprinsipper',
    core: false,
    sensitivity: 'normal',
    fields: [{ id: 'prinsipper', label: 'Prinsipper', kind: 'text', writer: 'either', visibility: 'shared' }],
  };

  it('may add sections and fields; the result is a new version', () => {
    const result = customiseTemplate(base, [...base.sections, extra], 'org.1');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.template.version).toBe(`${base.version}+org.1`);
      expect(result.template.sections.map((s) => s.id)).toContain('lokale-prinsipper');
    }
  });

  it('refuses to remove a core section or a core field, or to change one', () => {
    const withoutTema2 = base.sections.filter((s) => s.id !== 'tema-2');
    const r1 = customiseTemplate(base, withoutTema2, 'org.1');
    expect(r1.ok ? [] : r1.problems).toEqual([{ kind: 'core-section-removed', id: 'tema-2' }]);

    const trimmed = base.sections.map((s) =>
      s.id === 'tema-3' ? { ...s, fields: s.fields.filter((f) => f.id !== 'tema-3-synspunkter') } : s,
    );
    const r2 = customiseTemplate(base, trimmed, 'org.1');
    expect(r2.ok ? [] : r2.problems).toEqual([{ kind: 'core-field-removed', id: 'tema-3-synspunkter' }]);

    const relabelled = base.sections.map((s) =>
      s.id === 'tema-1'
        ? {
            ...s,
            fields: s.fields.map((f) =>
              f.id === 'tema-1-gradering' ? { ...f, writer: 'employee' as const } : f,
            ),
          }
        : s,
    );
    const r3 = customiseTemplate(base, relabelled, 'org.1');
    expect(r3.ok ? [] : r3.problems).toEqual([{ kind: 'core-field-changed', id: 'tema-1-gradering' }]);
  });

  it('takes nynorsk words on a core section and its core fields; the version carries them, the core stays', () => {
    const nn = {
      section: {
        title: 'Tema 1: Leiaren sitt bidrag til måloppnåing',
        guide: [{ text: 'Kva har du fått til?' }],
      },
      field: { label: 'Leiaren leverer', guide: [{ text: 'Korleis vurderer du det?', sub: ['i år'] }] },
    };
    const translated = base.sections.map((s) =>
      s.id === 'tema-1'
        ? {
            ...s,
            nn: nn.section,
            fields: s.fields.map((f) =>
              f.id === 'tema-1-gradering' && f.kind === 'rating'
                ? {
                    ...f,
                    nn: nn.field,
                    options: f.options.map((o, i) =>
                      i === 0 ? { ...o, nn: { label: 'Under forventa' } } : o,
                    ),
                  }
                : f,
            ),
          }
        : s,
    );
    const result = customiseTemplate(base, translated, 'org.2');
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.template.version).toBe(`${base.version}+org.2`);
    const section = result.template.sections.find((s) => s.id === 'tema-1')!;
    expect(section).toMatchObject({ core: true, title: base.sections.find((s) => s.id === 'tema-1')!.title });
    expect(section.nn).toEqual(nn.section);
    const field = section.fields.find((f) => f.id === 'tema-1-gradering')!;
    // The seed's bokmål stays as written beside the nynorsk.
    expect(field.label).toBe('Leder leverer');
    expect(field.nn).toEqual(nn.field);
    expect(field.kind === 'rating' && field.options[0]!.nn).toEqual({ label: 'Under forventa' });
    // What the version holds is plain data: a snapshot of it (JSON) keeps the nynorsk words.
    expect(JSON.parse(JSON.stringify(result.template))).toEqual(result.template);

    // A translated core field is still a core field: it may not go, nor move, nor change what it is.
    const gone = translated.map((s) =>
      s.id === 'tema-1' ? { ...s, fields: s.fields.filter((f) => f.id !== 'tema-1-gradering') } : s,
    );
    const r1 = customiseTemplate(base, gone, 'org.2');
    expect(r1.ok ? [] : r1.problems).toEqual([{ kind: 'core-field-removed', id: 'tema-1-gradering' }]);
    const moved = gone.map((s) => (s.id === 'forberedelse' ? { ...s, fields: [...s.fields, field] } : s));
    const r2 = customiseTemplate(base, moved, 'org.2');
    expect(r2.ok ? [] : r2.problems).toEqual([{ kind: 'core-field-removed', id: 'tema-1-gradering' }]);
    const relabelled = translated.map((s) =>
      s.id === 'tema-1'
        ? {
            ...s,
            fields: s.fields.map((f) =>
              f.id === 'tema-1-gradering' ? { ...f, label: 'Leiaren leverer' } : f,
            ),
          }
        : s,
    );
    const r3 = customiseTemplate(base, relabelled, 'org.2');
    expect(r3.ok ? [] : r3.problems).toEqual([{ kind: 'core-field-changed', id: 'tema-1-gradering' }]);
  });

  it('cannot declassify the salary part', () => {
    const k = builtInTemplate('kontraktsamtale')!;
    const result = customiseTemplate(
      k,
      k.sections.map((s) => ({ ...s, sensitivity: 'normal' as const })),
      'org.1',
    );
    expect(result.ok && result.template.sections.find((s) => s.id === 'punkt-4')!.sensitivity).toBe('salary');
  });
});

describe('templates export', () => {
  it('prints every template as one JSON document', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        join(import.meta.dirname, '../../../src/main.ts'),
        'templates',
        'export',
      ],
      { encoding: 'utf8' },
    );
    const doc = JSON.parse(out) as { templates: Template[] };
    expect(doc.templates.map((t) => `${t.key}@${t.version}`)).toEqual(
      BUILT_IN_TEMPLATES.map((t) => `${t.key}@${t.version}`),
    );
    expect(doc.templates.find((t) => t.key === 'kommunekompass')!.sections).toHaveLength(8);
  });
});
