// The template editor's draft: the organisation's sections as the admin changes them, before they are
// saved. Plain functions over the template model, each returning a new list. What may be removed is
// the server's answer (its core parts); the server checks it again when the draft is saved.
import type { Field, GuideQuestion, Section } from '../template.ts';

export type Sections = Section[];

const swap = <T>(list: readonly T[], index: number, delta: -1 | 1): T[] => {
  const to = index + delta;
  if (index < 0 || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [a, b] = [list[index], list[to]];
  if (a === undefined || b === undefined) return next;
  next[index] = b;
  next[to] = a;
  return next;
};

export const moveSection = (sections: Sections, id: string, delta: -1 | 1): Sections =>
  swap(
    sections,
    sections.findIndex((s) => s.id === id),
    delta,
  );

export const moveField = (sections: Sections, sectionId: string, fieldId: string, delta: -1 | 1): Sections =>
  sections.map((s) =>
    s.id === sectionId
      ? {
          ...s,
          fields: swap(
            s.fields,
            s.fields.findIndex((f) => f.id === fieldId),
            delta,
          ),
        }
      : s,
  );

export const removeSection = (sections: Sections, id: string): Sections =>
  sections.filter((s) => s.id !== id);

export const removeField = (sections: Sections, sectionId: string, fieldId: string): Sections =>
  sections.map((s) => (s.id === sectionId ? { ...s, fields: s.fields.filter((f) => f.id !== fieldId) } : s));

export const updateSection = (sections: Sections, id: string, change: (s: Section) => Section): Sections =>
  sections.map((s) => (s.id === id ? change(s) : s));

export const updateField = (
  sections: Sections,
  sectionId: string,
  fieldId: string,
  change: (f: Field) => Field,
): Sections =>
  sections.map((s) =>
    s.id === sectionId ? { ...s, fields: s.fields.map((f) => (f.id === fieldId ? change(f) : f)) } : s,
  );

export const addField = (sections: Sections, sectionId: string, field: Field): Sections =>
  sections.map((s) => (s.id === sectionId ? { ...s, fields: [...s.fields, field] } : s));

/** A new section at the end: the organisation's own, so never core and never salary. */
export const addSection = (sections: Sections, title: string): { sections: Sections; id: string } => {
  const id = newId(
    title,
    sections.map((s) => s.id),
  );
  return {
    sections: [...sections, { id, title, core: false, sensitivity: 'normal', fields: [] }],
    id,
  };
};

/** Every field id in use (ids must be unique across the template). */
export const fieldIds = (sections: Sections): string[] => sections.flatMap((s) => s.fields.map((f) => f.id));

/**
 * An id for an added part, from its words: "Trivsel på jobben" → "egen-trivsel-pa-jobben". People
 * never read it; it only has to be unique and to fit the contract's pattern.
 */
export function newId(words: string, taken: readonly string[], prefix = 'egen-'): string {
  const slug =
    words
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30)
      .replace(/-+$/, '') || 'del';
  const base = `${prefix}${slug}`;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Short ids for options and columns (within one field), from their words. */
export function idsFor(labels: readonly string[]): { id: string; label: string }[] {
  const taken: string[] = [];
  return labels.map((label) => {
    const id = newId(label, taken, '');
    taken.push(id);
    return { id, label };
  });
}

/** Lines of text, trimmed, blank ones left out. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const SUB = /^[-–•]\s*/;

/** Guide questions as the admin writes them: one a line, a line starting with "- " under the one above. */
export function guideToText(guide: readonly GuideQuestion[] | undefined): string {
  return (guide ?? []).flatMap((g) => [g.text, ...(g.sub ?? []).map((s) => `- ${s}`)]).join('\n');
}

export function textToGuide(text: string): GuideQuestion[] | undefined {
  const guide: GuideQuestion[] = [];
  for (const line of lines(text)) {
    const last = guide[guide.length - 1];
    if (SUB.test(line) && last) {
      const sub = line.replace(SUB, '');
      if (sub !== '') last.sub = [...(last.sub ?? []), sub];
    } else {
      guide.push({ text: line.replace(SUB, '') || line });
    }
  }
  return guide.length > 0 ? guide : undefined;
}

/** The guide written anew, or left out when there is none (the contract has no empty guide). */
export function withGuide<T extends { guide?: GuideQuestion[] }>(part: T, text: string): T {
  const guide = textToGuide(text);
  const next = { ...part };
  delete next.guide;
  return guide ? { ...next, guide } : next;
}

/** A part's nynorsk words with some written anew; a blank one is left out (the seed's bokmål is read). */
export function withNynorsk<P extends { nn?: object }>(part: P, change: Partial<NonNullable<P['nn']>>): P {
  const nn = Object.fromEntries(
    Object.entries({ ...part.nn, ...change }).filter(
      ([, value]) => value !== undefined && !(typeof value === 'string' && value.trim() === ''),
    ),
  );
  const next = { ...part };
  delete next.nn;
  return Object.keys(nn).length > 0 ? { ...next, nn } : next;
}

/** Nynorsk labels for a field's choices or columns, one a line in their order; a blank line gives none. */
export function withNynorskLabels<T extends { label: string; nn?: { label?: string } }>(
  items: readonly T[],
  text: string,
): T[] {
  const given = text.split('\n').map((l) => l.trim());
  return items.map((item, i) => withNynorsk(item, { label: given[i] || undefined }));
}

/** The nynorsk labels of choices or columns as the admin edits them: one a line, blank where none. */
export const nynorskLabelsToText = (items: readonly { nn?: { label?: string } }[]): string =>
  items.some((i) => i.nn?.label) ? items.map((i) => i.nn?.label ?? '').join('\n') : '';

/** Fields whose content comes from another field (last period's rows, a prefilled answer), by source. */
export function dependents(sections: Sections): Map<string, Field[]> {
  const by = new Map<string, Field[]>();
  for (const f of sections.flatMap((s) => s.fields)) {
    const source = f.kind === 'previousItems' ? f.sourceFieldId : f.prefillFrom;
    if (source) by.set(source, [...(by.get(source) ?? []), f]);
  }
  return by;
}

export type Change =
  | { kind: 'sectionAdded'; title: string }
  | { kind: 'sectionRemoved'; title: string }
  | { kind: 'sectionRenamed'; title: string }
  | { kind: 'fieldAdded'; section: string; label: string }
  | { kind: 'fieldRemoved'; section: string; label: string }
  | { kind: 'fieldChanged'; section: string; label: string }
  | { kind: 'guideChanged'; label: string }
  | { kind: 'nynorskChanged'; label: string }
  | { kind: 'orderChanged' };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A field's nynorsk words (its own, its choices' and its columns'), and the field without them. */
function splitNynorsk(f: Field): { nynorsk: unknown; rest: unknown } {
  const { nn, guide: _guide, ...rest } = f;
  const parts = 'options' in rest ? rest.options : 'columns' in rest ? rest.columns : [];
  const bare = parts.map(({ nn: _nn, ...p }) => p);
  return {
    nynorsk: [nn, parts.map((p) => p.nn)],
    rest:
      'options' in rest ? { ...rest, options: bare } : 'columns' in rest ? { ...rest, columns: bare } : rest,
  };
}

/** What the draft changes in the saved version, in the order a person reads the form. */
export function changes(before: Sections, after: Sections): Change[] {
  const out: Change[] = [];
  const old = new Map(before.map((s) => [s.id, s]));
  const now = new Set(after.map((s) => s.id));
  for (const s of after) {
    const was = old.get(s.id);
    if (!was) {
      out.push({ kind: 'sectionAdded', title: s.title });
      for (const f of s.fields) out.push({ kind: 'fieldAdded', section: s.title, label: f.label });
      continue;
    }
    if (was.title !== s.title) out.push({ kind: 'sectionRenamed', title: s.title });
    if (!same(was.guide, s.guide) || !same(was.intro, s.intro))
      out.push({ kind: 'guideChanged', label: s.title });
    if (!same(was.nn, s.nn)) out.push({ kind: 'nynorskChanged', label: s.title });
    const fields = new Map(was.fields.map((f) => [f.id, f]));
    for (const f of s.fields) {
      const prior = fields.get(f.id);
      if (!prior) out.push({ kind: 'fieldAdded', section: s.title, label: f.label });
      else {
        const [a, b] = [splitNynorsk(prior), splitNynorsk(f)];
        if (!same(a.rest, b.rest)) out.push({ kind: 'fieldChanged', section: s.title, label: f.label });
        if (!same(prior.guide, f.guide)) out.push({ kind: 'guideChanged', label: f.label });
        if (!same(a.nynorsk, b.nynorsk)) out.push({ kind: 'nynorskChanged', label: f.label });
      }
    }
    const kept = new Set(s.fields.map((f) => f.id));
    for (const f of was.fields)
      if (!kept.has(f.id)) out.push({ kind: 'fieldRemoved', section: s.title, label: f.label });
  }
  for (const s of before) if (!now.has(s.id)) out.push({ kind: 'sectionRemoved', title: s.title });
  const order = (list: Sections, keep: (id: string) => boolean) =>
    list.filter((s) => keep(s.id)).map((s) => [s.id, ...s.fields.map((f) => f.id)]);
  const bothFields = (list: Sections, other: Sections) => {
    const ids = new Set(fieldIds(other));
    return list.map((s) => ({ ...s, fields: s.fields.filter((f) => ids.has(f.id)) }));
  };
  if (
    !same(
      order(bothFields(before, after), (id) => now.has(id)),
      order(bothFields(after, before), (id) => old.has(id)),
    )
  )
    out.push({ kind: 'orderChanged' });
  return out;
}
