// Kommunekompasset's input, as reminders: while a round is open for input, everyone invited who has
// areas left to answer is asked once, and reminded once some working days after they were first
// asked if they still have areas left. The keys are deterministic, so nothing is sent twice; the
// reminder machinery bundles, times and sends them. A message says only that input is asked for:
// never what anyone answered.
import type { RoundStatus } from './kompass-round.ts';
import { workingDaysAfter } from './plan-reminders.ts';
import type { DueMessage, Holidays } from './reminders.ts';
import { KOMPASS_AREAS } from './templates/kommunekompass.ts';

/** Working days after someone was first asked before they are reminded, once. */
export const KOMPASS_REMINDER_DAYS = 5;

export interface KompassInputState {
  tid: string;
  roundId: string;
  year: number;
  status: RoundStatus;
  invitations: readonly {
    oid: string;
    /** The areas (1–8) this person has answered. */
    answeredAreas: readonly number[];
    /** The Oslo day their first message ('kompass-input') went into the outbox; null until then. */
    askedOn: string | null;
  }[];
}

/** The keys, one each per round and person: sent at most once. */
export const kompassInputKey = (roundId: string, oid: string) => `kompass-input:${roundId}:${oid}`;
export const kompassReminderKey = (roundId: string, oid: string) =>
  `kompass-input-reminder:${roundId}:${oid}`;

/** The areas a person has still to answer, in the method's order. */
export const areasLeft = (answered: readonly number[]): number[] =>
  KOMPASS_AREAS.map((a) => a.number).filter((n) => !answered.includes(n));

export function dueKompassMessages(
  rounds: readonly KompassInputState[],
  today: string,
  holidays: Holidays,
  reminderAfterDays: number = KOMPASS_REMINDER_DAYS,
): DueMessage[] {
  const out: DueMessage[] = [];
  for (const r of rounds) {
    if (r.status !== 'input') continue;
    for (const i of r.invitations) {
      const left = areasLeft(i.answeredAreas).length;
      if (left === 0) continue;
      const base = {
        tid: r.tid,
        recipientOid: i.oid,
        subject: r.roundId,
        period: String(r.year),
        date: null,
        count: left,
        role: null,
        templateKey: null,
      } as const;
      // The first message stays due until it is in the outbox (then its key is sent, and filtered out).
      if (i.askedOn === null)
        out.push({ ...base, kind: 'kompass-input', key: kompassInputKey(r.roundId, i.oid) });
      else if (today >= workingDaysAfter(i.askedOn, reminderAfterDays, holidays))
        out.push({
          ...base,
          kind: 'kompass-input-reminder',
          key: kompassReminderKey(r.roundId, i.oid),
          date: i.askedOn,
        });
    }
  }
  return out;
}
