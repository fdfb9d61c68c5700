import { describe, expect, it } from 'vitest';
import { inputIds, readFollowUpCard, type ShownItem } from '../../bot/follow-up-form.ts';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const long = 'Vi har hatt tre samlinger og planlegger to til. '.repeat(26).slice(0, 1247);
const shown: ShownItem[] = [
  { itemId: id(1), version: 3, status: 'partly', comment: long },
  { itemId: id(2), version: 1, status: 'open', comment: null },
  { itemId: id(3), version: 2, status: 'not_yet', comment: 'Venter på budsjett' },
];
/** What Teams submits for the card as shown (an open item shows no choice), with some inputs edited. */
const submitted = (edit: Partial<Record<number, { status?: string; comment?: string }>> = {}) =>
  Object.fromEntries(
    shown.flatMap((s, i) => {
      const ids = inputIds(s);
      return [
        [ids.status, edit[i + 1]?.status ?? (s.status === 'open' ? '' : s.status)],
        [ids.comment, edit[i + 1]?.comment ?? s.comment ?? ''],
      ];
    }),
  );

describe('reading a submitted follow-up card', () => {
  it('records only the item the person changed; the others keep status, comment and version', () => {
    expect(readFollowUpCard(submitted({ 3: { status: 'achieved' } }), shown)).toEqual({
      changes: [{ itemId: id(3), status: 'achieved', comment: 'Venter på budsjett', baseVersion: 2 }],
      stale: 0,
    });
    expect(readFollowUpCard(submitted(), shown)).toEqual({ changes: [], stale: 0 });
  });

  it('saves a comment alone, with the status the item has', () => {
    expect(readFollowUpCard(submitted({ 2: { comment: ' Startet i mai ' } }), shown).changes).toEqual([
      { itemId: id(2), status: 'open', comment: 'Startet i mai', baseVersion: 1 },
    ]);
  });

  it('keeps a long comment whole (the API allows 4 000 characters)', () => {
    const longer = `${long} Og mer.`;
    const [change] = readFollowUpCard(submitted({ 1: { comment: longer } }), shown).changes;
    expect(change?.comment).toBe(longer);
    expect(() => readFollowUpCard(submitted({ 1: { comment: 'x'.repeat(4001) } }), shown)).toThrow();
  });

  it('an older card never overwrites: an edited stale item is counted, an untouched one ignored', () => {
    const newer = shown.map((s) =>
      s.itemId === id(1) ? { ...s, version: 4, status: 'achieved' as const } : s,
    );
    expect(readFollowUpCard(submitted({ 1: { comment: 'Annet' } }), newer)).toEqual({
      changes: [],
      stale: 1,
    });
    // The card still shows 'partly' for item 1, achieved elsewhere since: untouched here, so no notice.
    expect(readFollowUpCard(submitted({ 2: { status: 'partly' } }), newer)).toEqual({
      changes: [{ itemId: id(2), status: 'partly', comment: null, baseVersion: 1 }],
      stale: 0,
    });
  });

  it('reads a card as real clients send it, empty inputs left out', () => {
    // The adaptivecards renderer (Teams, the Agents Playground) sends only inputs that hold a value.
    const sentOnly = (data: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(data).filter(([, v]) => v !== ''));
    // A comment on an open item (its dropdown empty, so not sent) is saved with its status.
    expect(readFollowUpCard(sentOnly(submitted({ 2: { comment: 'Startet i mai' } })), shown).changes).toEqual(
      [{ itemId: id(2), status: 'open', comment: 'Startet i mai', baseVersion: 1 }],
    );
    // An item with a status and no comment is not re-saved when another item changes.
    const noComment = shown.map((s) => (s.itemId === id(3) ? { ...s, comment: null } : s));
    const data = Object.fromEntries(
      noComment.flatMap((s, i) => {
        const ids = inputIds(s);
        return [
          [ids.status, i === 0 ? 'achieved' : s.status === 'open' ? '' : s.status],
          [ids.comment, s.comment ?? ''],
        ];
      }),
    );
    expect(readFollowUpCard(sentOnly(data), noComment).changes).toEqual([
      { itemId: id(1), status: 'achieved', comment: long, baseVersion: 3 },
    ]);
  });
});
