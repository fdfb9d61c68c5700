// The form model: a template is data, rendered by one generic engine.

/** The two parties of a conversation. "leader" is the superior (overordnet leder). */
export type Party = 'leader' | 'employee';

/** Who writes a field: one party, either party into one shared answer, or each party their own. */
export type Writer = 'leader' | 'employee' | 'either' | 'both-separately';

/** Shared fields form the record both sign; private fields are a party's own preparation. */
export type Visibility = 'shared' | 'private';

export interface GuideQuestion {
  text: string;
  sub?: string[];
}

/**
 * A part's words in nynorsk, where the organisation has written them in the template editor. The
 * seed's own texts stay as written (bokmål); a reader whose language is nynorsk reads these instead,
 * each where it is given. They are words only: a part's identity (its id, kind, writer) is its own.
 */
export interface OptionNynorsk {
  label?: string;
}

export interface Option {
  id: string;
  label: string;
  nn?: OptionNynorsk;
}

export interface ColumnNynorsk {
  label?: string;
  group?: string;
  hint?: string;
}

export interface FieldNynorsk {
  label?: string;
  guide?: GuideQuestion[];
}

export interface SectionNynorsk {
  title?: string;
  intro?: string[];
  guideHeading?: string;
  guide?: GuideQuestion[];
}

export interface Column {
  id: string;
  label: string;
  /** A header above several columns, as "Handlingsplan" over "Hva skal gjøres? / Hvem / Når". */
  group?: string;
  hint?: string;
  type: 'text' | 'person' | 'date' | 'rating';
  options?: Option[];
  /** The item's owner (follow-up recipient) and due date come from these columns. */
  role?: 'owner' | 'due';
  nn?: ColumnNynorsk;
}

interface FieldBase {
  id: string;
  label: string;
  guide?: GuideQuestion[];
  writer: Writer;
  visibility: Visibility;
  /** The field may be prefilled from this field of the same pair's previous conversation. */
  prefillFrom?: string;
  /** A goal written as text that may name the unit goal it serves ("Bidrar til"), as Punkt 3's hovedmål. */
  servesUnitGoal?: boolean;
  nn?: FieldNynorsk;
}

export type Field =
  | (FieldBase & { kind: 'text' })
  | (FieldBase & { kind: 'reflection' })
  | (FieldBase & { kind: 'date' })
  | (FieldBase & { kind: 'person' })
  | (FieldBase & { kind: 'rating'; options: Option[] })
  | (FieldBase & { kind: 'score'; max: number })
  | (FieldBase & { kind: 'checklist'; options: Option[] })
  | (FieldBase & { kind: 'goalList'; columns: Column[] })
  | (FieldBase & { kind: 'actionPlan'; columns: Column[] })
  | (FieldBase & { kind: 'previousItems'; sourceFieldId: string });

export type FieldKind = Field['kind'];

/** Field kinds whose content is rows (action items), not a single answer. */
export const ITEM_KINDS: ReadonlySet<FieldKind> = new Set(['goalList', 'actionPlan']);

export interface Section {
  id: string;
  title: string;
  /** Grouping above sections, e.g. "DEL I VURDERING" or a Kommunekompass perspective. */
  part?: string;
  intro?: string[];
  /** The heading goes on with the two parties' names, as the seed's "Samtale mellom" does. */
  namesParties?: boolean;
  guideHeading?: string;
  guide?: GuideQuestion[];
  /** Core sections carry the template's basic character and cannot be removed (seed 001). */
  core: boolean;
  /** Salary (kontraktsamtale Punkt 4) is readable only by the parties and HR with HR.Salary. */
  sensitivity: 'normal' | 'salary';
  fields: Field[];
  nn?: SectionNynorsk;
}

export interface Marking {
  text: string;
  /** True where the record may hold confidential personal information (offl. § 13). */
  offl13: boolean;
}

export interface Template {
  key: string;
  version: string;
  /** conversation: two parties and signatures; plan: a unit's plan; assessment: an organisation's. */
  kind: 'conversation' | 'plan' | 'assessment';
  /** A short everyday name for lists and messages; the title is the seed's own heading. */
  name: string;
  title: string;
  subtitle?: string;
  source: string;
  parties: Record<Party, string>;
  purpose?: { heading: string; lead: string; points: string[] };
  basisDocuments?: { heading: string; items: string[] };
  marking: Marking;
  sections: Section[];
}

export function allFields(template: Template): Field[] {
  return template.sections.flatMap((s) => s.fields);
}

export function findField(
  template: Template,
  fieldId: string,
): { field: Field; section: Section } | undefined {
  for (const section of template.sections) {
    const field = section.fields.find((f) => f.id === fieldId);
    if (field) return { field, section };
  }
  return undefined;
}

/** The parties who write private preparation in a template, and its private fields. */
export function preparation(template: Template): { parties: Party[]; fieldIds: string[] } {
  const fields = allFields(template).filter((f) => f.visibility === 'private');
  const writes = (p: Party) =>
    fields.some((f) => f.writer === p || f.writer === 'both-separately' || f.writer === 'either');
  return { parties: (['leader', 'employee'] as const).filter(writes), fieldIds: fields.map((f) => f.id) };
}
