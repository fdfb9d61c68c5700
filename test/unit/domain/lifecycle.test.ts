import { describe, expect, it } from 'vitest';
import {
  STATUSES,
  TRANSITIONS,
  availableTransitions,
  transitionTarget,
  writeRefusal,
  type Status,
} from '../../../src/domain/conversation.ts';

// The lifecycle, written out by hand: planned → preparing → held → awaiting signatures → signed.
const LEGAL: Record<string, Status> = {
  'planned|open-preparation': 'preparing',
  'planned|hold': 'held',
  'preparing|hold': 'held',
  'held|send-to-signing': 'awaiting_signatures',
  'awaiting_signatures|reopen': 'held',
  'planned|cancel': 'cancelled',
  'preparing|cancel': 'cancelled',
  // Undoing a cancelling returns to the stage the conversation had (here: it was being prepared).
  'cancelled|restore': 'preparing',
};

describe('conversation lifecycle', () => {
  for (const from of STATUSES) {
    for (const t of TRANSITIONS) {
      const expected = LEGAL[`${from}|${t}`];
      it(`${from} --${t}--> ${expected ?? 'refused'}`, () => {
        expect(
          transitionTarget({ status: from, cancelledFrom: from === 'cancelled' ? 'preparing' : null }, t),
        ).toBe(expected);
      });
    }
  }

  it('no transition leaves a signed or archived conversation; a cancelling is undone only to where it was', () => {
    for (const s of ['signed', 'archived'] as const)
      expect(availableTransitions({ status: s, cancelledFrom: null })).toEqual([]);
    expect(availableTransitions({ status: 'cancelled', cancelledFrom: 'planned' })).toEqual(['restore']);
    expect(transitionTarget({ status: 'cancelled', cancelledFrom: 'planned' }, 'restore')).toBe('planned');
    expect(availableTransitions({ status: 'cancelled', cancelledFrom: null })).toEqual([]);
  });

  it('a signed or archived record refuses every write; private preparation closes at signing', () => {
    for (const s of ['signed', 'archived'] as const) {
      expect(writeRefusal(s, 'shared')).toBe('RECORD_LOCKED');
      expect(writeRefusal(s, 'private')).toBe('RECORD_LOCKED');
    }
    expect(writeRefusal('planned', 'shared')).toBe('STATE_FORBIDS_WRITE');
    expect(writeRefusal('planned', 'private')).toBeUndefined();
    expect(writeRefusal('held', 'shared')).toBeUndefined();
    // Sent for signing: read-only for both until the leader reopens it.
    expect(writeRefusal('awaiting_signatures', 'shared')).toBe('RECORD_AWAITING_SIGNATURES');
    expect(writeRefusal('awaiting_signatures', 'private')).toBe('STATE_FORBIDS_WRITE');
    expect(writeRefusal('cancelled', 'shared')).toBe('STATE_FORBIDS_WRITE');
  });
});
