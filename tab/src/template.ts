// The template model is the server's own (served as data in the conversation view); the tab imports
// its types only. What the caller may do with a field comes from the server, not from here.
import type { Locale } from '../../src/contract/words/index.ts';
import type { Column, Field, Option, Section, Template } from '../../src/domain/templates/model.ts';

export type {
  Column,
  Field,
  FieldKind,
  GuideQuestion,
  Option,
  Party,
  Section,
  Template,
  Writer,
} from '../../src/domain/templates/model.ts';

/**
 * The one choice of a template's words: the organisation's nynorsk where the reader reads nynorsk and
 * it has written one, else the seed's own text as written (bokmål, for English readers too).
 */
export function chosen<T>(locale: Locale, seed: T, nynorsk: T | undefined): T {
  return locale === 'nn' && nynorsk !== undefined ? nynorsk : seed;
}

/** The template with every text as the reader reads it (see `chosen`); ids and rules untouched. */
export function templateIn(template: Template, locale: Locale): Template {
  if (locale !== 'nn') return template;
  return { ...template, sections: template.sections.map((s) => sectionIn(s, locale)) };
}

function sectionIn(s: Section, locale: Locale): Section {
  const out: Section = {
    ...s,
    title: chosen(locale, s.title, s.nn?.title),
    fields: s.fields.map((f) => fieldIn(f, locale)),
  };
  const intro = chosen(locale, s.intro, s.nn?.intro);
  const guideHeading = chosen(locale, s.guideHeading, s.nn?.guideHeading);
  const guide = chosen(locale, s.guide, s.nn?.guide);
  if (intro) out.intro = intro;
  if (guideHeading) out.guideHeading = guideHeading;
  if (guide) out.guide = guide;
  return out;
}

function fieldIn(f: Field, locale: Locale): Field {
  const guide = chosen(locale, f.guide, f.nn?.guide);
  const out: Field = { ...f, label: chosen(locale, f.label, f.nn?.label), ...(guide ? { guide } : {}) };
  switch (out.kind) {
    case 'rating':
    case 'checklist':
      return { ...out, options: out.options.map((o) => optionIn(o, locale)) };
    case 'goalList':
    case 'actionPlan':
      return { ...out, columns: out.columns.map((c) => columnIn(c, locale)) };
    default:
      return out;
  }
}

const optionIn = (o: Option, locale: Locale): Option => ({
  ...o,
  label: chosen(locale, o.label, o.nn?.label),
});

function columnIn(c: Column, locale: Locale): Column {
  const out: Column = { ...c, label: chosen(locale, c.label, c.nn?.label) };
  const group = chosen(locale, c.group, c.nn?.group);
  const hint = chosen(locale, c.hint, c.nn?.hint);
  if (group) out.group = group;
  if (hint) out.hint = hint;
  if (c.options) out.options = c.options.map((o) => optionIn(o, locale));
  return out;
}
