// What became of a conversation's Teams meeting, as words, and carried from the planning form to the
// conversation's page (which opens right after), where it is said beside the conversation's time.
import type { MeetingOutcome } from '../../../src/contract/views.ts';
import { fill } from '../../../src/contract/words/format.ts';
import type { Words } from '../../../src/contract/words/index.ts';

/** The lengths a leader chooses between, in minutes. */
export const DURATIONS = [30, 45, 60, 90, 120] as const;

export function outcomeText(words: Words, outcome: MeetingOutcome): { ok: boolean; text: string } {
  const w = words.meeting;
  if (outcome.result === 'failed')
    return {
      ok: false,
      text: fill(w.failed, { problem: words.errors[outcome.problem ?? 'MEETING_CALENDAR_UNAVAILABLE'] }),
    };
  return { ok: true, text: w[outcome.result] };
}

const pending = new Map<string, MeetingOutcome>();

export function rememberOutcome(conversationId: string, outcome: MeetingOutcome): void {
  pending.set(conversationId, outcome);
}

/** The outcome left for this conversation's page, once. */
export function takeOutcome(conversationId: string): MeetingOutcome | null {
  const outcome = pending.get(conversationId) ?? null;
  pending.delete(conversationId);
  return outcome;
}
