import { kommunekompass } from './kommunekompass.ts';
import { kontraktsamtale } from './kontraktsamtale.ts';
import { medarbeidersamtale10Faktor } from './medarbeidersamtale-10-faktor.ts';
import type { Field, Section, Template } from './model.ts';
import { utviklingssamtaleLeder } from './utviklingssamtale-leder.ts';
import { virksomhetsplan } from './virksomhetsplan.ts';

/** The built-in templates, current version of each. Older versions stay readable through snapshots. */
export const BUILT_IN_TEMPLATES: readonly Template[] = [
  kontraktsamtale,
  utviklingssamtaleLeder,
  medarbeidersamtale10Faktor,
  virksomhetsplan,
  kommunekompass,
];

export function builtInTemplate(key: string): Template | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.key === key);
}

/**
 * The parts of a template that carry its basic character (seed 001): its core sections and their
 * fields. An organisation's version keeps every one of them (customiseTemplate refuses otherwise).
 */
export function coreParts(base: Template): { sectionIds: string[]; fieldIds: string[] } {
  const core = base.sections.filter((s) => s.core);
  return { sectionIds: core.map((s) => s.id), fieldIds: core.flatMap((s) => s.fields.map((f) => f.id)) };
}

export interface CustomisationProblem {
  kind:
    | 'core-section-removed'
    | 'core-field-removed'
    | 'core-field-changed'
    | 'duplicate-id'
    /** A core field's prefill source or previous-items source changed. */
    | 'core-source-changed'
    /** A field takes answers from a field of another sensitivity (or from none at all). */
    | 'source-crosses-sensitivity';
  id: string;
}

/**
 * An organisation may add sections and fields to a template, but not change its basic character
 * (seed 001): every core section must stay, with all its fields unchanged in kind, label and writer.
 * Its nynorsk words (`nn`) may be written on any part, core ones too: a translation leaves the seed's
 * bokmål as it is and changes no part's identity. The version carries them like every other text.
 */
export function customiseTemplate(
  base: Template,
  sections: Section[],
  /** Names the organisation's version, e.g. its tenant and revision. */
  suffix: string,
): { ok: true; template: Template } | { ok: false; problems: CustomisationProblem[] } {
  const problems: CustomisationProblem[] = [];
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const core of base.sections.filter((s) => s.core)) {
    const mine = byId.get(core.id);
    if (!mine) {
      problems.push({ kind: 'core-section-removed', id: core.id });
      continue;
    }
    for (const field of core.fields) {
      const candidate = mine.fields.find((f) => f.id === field.id);
      if (!candidate) problems.push({ kind: 'core-field-removed', id: field.id });
      else if (!sameCoreField(field, candidate)) problems.push({ kind: 'core-field-changed', id: field.id });
      else if (sourceOf(field) !== sourceOf(candidate))
        problems.push({ kind: 'core-source-changed', id: field.id });
    }
  }
  const ids = [
    ...sections.map((s) => `section:${s.id}`),
    ...sections.flatMap((s) => s.fields.map((f) => `field:${f.id}`)),
  ];
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i)))
    problems.push({ kind: 'duplicate-id', id });
  // Salary text must never flow into a section others may read (nor the other way): a field takes
  // answers only from a field of the same sensitivity. Sensitivity is the base's for core sections.
  const sensitivityOf = new Map<string, Section['sensitivity']>();
  for (const s of sections) {
    const sensitivity = base.sections.find((b) => b.id === s.id)?.sensitivity ?? s.sensitivity;
    for (const f of s.fields) sensitivityOf.set(f.id, sensitivity);
  }
  for (const s of sections)
    for (const f of s.fields) {
      const source = sourceOf(f);
      if (source !== undefined && sensitivityOf.get(source) !== sensitivityOf.get(f.id))
        problems.push({ kind: 'source-crosses-sensitivity', id: f.id });
    }
  if (problems.length > 0) return { ok: false, problems };
  const coreById = new Map(base.sections.map((s) => [s.id, s]));
  return {
    ok: true,
    template: {
      ...base,
      version: `${base.version}+${suffix}`,
      // Core flags and sensitivity come from the base: an organisation cannot declassify Punkt 4.
      sections: sections.map((s) => {
        const core = coreById.get(s.id);
        return core ? { ...s, core: core.core, sensitivity: core.sensitivity } : { ...s, core: false };
      }),
    },
  };
}

/** Where a field takes its content from: last period's answer, or last period's rows. */
const sourceOf = (f: Field): string | undefined =>
  f.kind === 'previousItems' ? f.sourceFieldId : f.prefillFrom;

/** A core field's identity: its kind, its (bokmål) label, who writes it and who sees it; never its nn words. */
function sameCoreField(a: Field, b: Field): boolean {
  return a.kind === b.kind && a.label === b.label && a.writer === b.writer && a.visibility === b.visibility;
}
