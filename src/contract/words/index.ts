// The words people read, in every language Samtale speaks. Adding a language is one file shaped like
// nb.ts, registered here. The types below make a missing or misspelt word a type error.
import type { FollowUpStatus } from '../../domain/answers.ts';
import type { NextStep, Status, Transition } from '../../domain/conversation.ts';
import type { AppRole } from '../../domain/policy.ts';
import type { GoalOutcome, GoalStatus, PlanStatus } from '../../domain/unit-plan.ts';
import type { ErrorCode } from '../../errors/catalogue.ts';
import { en } from './en.ts';
import { nb } from './nb.ts';
import { nn } from './nn.ts';

export type Words = typeof nb;
export type Plural = { one: string; other: string };

export const WORDS = { nb, nn, en } satisfies Record<string, Words>;
export type Locale = keyof typeof WORDS;
export const LOCALES = Object.keys(WORDS) as Locale[];

/**
 * The language a BCP 47 tag (or a POSIX one, "nn_NO.UTF-8") asks for: "en-GB" → en, "nn-NO" → nn.
 * Norwegian written as "no" is bokmål unless it names nynorsk ("no-nn"); bokmål when it is none we speak.
 */
export function localeOf(tag: string | null | undefined): Locale {
  const [primary = '', ...rest] = (tag ?? '')
    .trim()
    .toLowerCase()
    .split(/[-_.@]/);
  if (primary === 'nno' || (primary === 'no' && rest.includes('nn'))) return 'nn';
  return LOCALES.find((l) => l === primary) ?? 'nb';
}

// Every status, next step, transition, follow-up status, role and error code has its words.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type WordsCoverTheDomain = [
  Assert<Same<keyof Words['status'], Status>>,
  Assert<Same<keyof Words['nextStep'], NextStep>>,
  Assert<Same<keyof Words['transition'], Transition>>,
  Assert<Same<keyof Words['followUp'], FollowUpStatus>>,
  Assert<Same<keyof Words['errors'], ErrorCode>>,
  Assert<Same<keyof Words['planStatus'], PlanStatus>>,
  Assert<Same<keyof Words['goalStatus'], GoalStatus>>,
  Assert<Same<keyof Words['goalOutcome'], GoalOutcome>>,
  Assert<AppRole extends keyof Words['role'] ? true : false>,
];
