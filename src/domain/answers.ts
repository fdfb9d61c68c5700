import type { Json } from './json.ts';
import type { Column, Field, Party, Writer } from './templates/model.ts';

/** Where an answer lives: one shared slot, or a party's own (private preparation, own view). */
export type Slot = 'shared' | Party;

export interface Answer {
  fieldId: string;
  slot: Slot;
  value: Json;
  version: number;
  updatedBy: string;
  updatedAt: string;
  /** For private preparation: when its author shared it with the other party. */
  sharedAt: string | null;
}

export const MAX_TEXT = 10_000;
/** Rows per plan field: a plan, not a spreadsheet; its card and PDF stay within their limits. */
export const MAX_ITEMS_PER_FIELD = 100;

export function slotFor(writer: Writer, visibility: 'shared' | 'private', party: Party): Slot {
  return writer === 'both-separately' || visibility === 'private' ? party : 'shared';
}

/** Whether a party may write a field at all (ignoring the conversation's status). */
export function partyWrites(writer: Writer, party: Party): boolean {
  return writer === 'either' || writer === 'both-separately' || writer === party;
}

/** Whether any text in a value is longer than an answer or a cell may be. */
export function exceedsTextLimit(value: unknown): boolean {
  if (typeof value === 'string') return value.length > MAX_TEXT;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(exceedsTextLimit);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

const PERSON = /^[A-Za-z0-9-]{1,64}$/;

/** Checks a value against its field. null clears an answer. Returns a reason when invalid. */
export function checkAnswer(
  field: Field,
  value: unknown,
): { ok: true; value: Json } | { ok: false; reason: string } {
  if (value === null) return { ok: true, value: null };
  switch (field.kind) {
    case 'text':
    case 'reflection':
      return typeof value === 'string' && value.length <= MAX_TEXT
        ? { ok: true, value }
        : { ok: false, reason: `text of at most ${MAX_TEXT} characters expected` };
    case 'date':
      return isIsoDate(value) ? { ok: true, value } : { ok: false, reason: 'a date YYYY-MM-DD expected' };
    case 'person':
      return typeof value === 'string' && PERSON.test(value)
        ? { ok: true, value }
        : { ok: false, reason: 'a person id expected' };
    case 'rating':
      return typeof value === 'string' && field.options.some((o) => o.id === value)
        ? { ok: true, value }
        : { ok: false, reason: `one of ${field.options.map((o) => o.id).join(', ')} expected` };
    case 'score':
      return isScore(value, field.max)
        ? { ok: true, value: value as number }
        : { ok: false, reason: `a number from 0 to ${field.max} with at most one decimal expected` };
    case 'checklist': {
      const ids = new Set(field.options.map((o) => o.id));
      return Array.isArray(value) &&
        value.every((v) => typeof v === 'string' && ids.has(v)) &&
        new Set(value).size === value.length
        ? { ok: true, value: value as string[] }
        : { ok: false, reason: 'a list of distinct option ids expected' };
    }
    case 'previousItems':
      // The assessment of each of last period's items, by item id.
      return isAssessments(value)
        ? { ok: true, value: value as Record<string, string> }
        : { ok: false, reason: `an object of item id → text of at most ${MAX_TEXT} characters expected` };
    case 'goalList':
    case 'actionPlan':
      return { ok: false, reason: 'this field is not answered directly' };
  }
}

const ITEM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
function isAssessments(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= 200 &&
    entries.every(([k, v]) => ITEM_ID.test(k) && typeof v === 'string' && v.length <= MAX_TEXT)
  );
}

function isScore(value: unknown, max: number): boolean {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= max &&
    Math.abs(value * 10 - Math.round(value * 10)) < 1e-9
  );
}

export type Cells = Record<string, string | null>;

/** Checks the cells of an action-plan row or goal against the field's columns. */
export function checkCells(
  columns: readonly Column[],
  cells: unknown,
): { ok: true; cells: Cells } | { ok: false; reason: string } {
  if (typeof cells !== 'object' || cells === null || Array.isArray(cells))
    return { ok: false, reason: 'an object of cells expected' };
  const out: Cells = {};
  for (const [key, value] of Object.entries(cells)) {
    const column = columns.find((c) => c.id === key);
    if (!column) return { ok: false, reason: `unknown column ${key}` };
    if (value === null || value === '') {
      out[key] = null;
      continue;
    }
    if (typeof value !== 'string') return { ok: false, reason: `column ${key} expects text` };
    if (column.type === 'text' && value.length > MAX_TEXT)
      return { ok: false, reason: `column ${key} is too long` };
    if (column.type === 'date' && !isIsoDate(value))
      return { ok: false, reason: `column ${key} expects a date` };
    if (column.type === 'person' && !PERSON.test(value))
      return { ok: false, reason: `column ${key} expects a person id` };
    if (column.type === 'rating' && !column.options?.some((o) => o.id === value))
      return { ok: false, reason: `column ${key} expects an option id` };
    out[key] = value;
  }
  return { ok: true, cells: out };
}

export const FOLLOW_UP_STATUSES = ['open', 'achieved', 'partly', 'not_yet'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Each cell's own version and last writer: edits to different cells of a row never conflict. */
export type CellMeta = Record<string, { version: number; by: string }>;

/** One follow-up update of a plan item, as kept in its history. */
export interface FollowUpUpdate {
  itemId: string;
  status: FollowUpStatus;
  comment: string | null;
  at: string;
  byOid: string;
}

export interface ActionItem {
  id: string;
  conversationId: string;
  fieldId: string;
  position: number;
  cells: Cells;
  ownerOid: string | null;
  due: string | null;
  status: FollowUpStatus;
  statusComment: string | null;
  statusUpdatedAt: string | null;
  version: number;
  cellMeta: CellMeta;
  /** "Bidrar til": the unit plan's goal this row serves (by id; its text may change). */
  servesGoalId: string | null;
}

/** The owner and due date of an item come from the columns marked for them. */
export function ownerAndDue(
  columns: readonly Column[],
  cells: Cells,
): { ownerOid: string | null; due: string | null } {
  const owner = columns.find((c) => c.role === 'owner');
  const due = columns.find((c) => c.role === 'due');
  return { ownerOid: (owner && cells[owner.id]) ?? null, due: (due && cells[due.id]) ?? null };
}
