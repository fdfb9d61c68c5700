// What the tab needs of the feedback rules, apart from src/domain/feedback.ts, which imports node:crypto
// and so cannot go into the browser's bundle. feedback.ts re-exports both.

/** The latest a round may close, counted from the day it opens. */
export const FEEDBACK_MAX_DAYS = 42;

/**
 * The statements, by key, drawn from each leader template's themes (their words are in the words'
 * `feedback.statements`). Oslo's: Tema 1–3 (contribution to the goals, the leadership principles, values
 * and ethics, cooperation and involvement); the kontraktsamtale's: Punkt 1 and 2 (turning the mission
 * into goals, trust and involvement, roles, cooperation, competence).
 */
export const FEEDBACK_STATEMENTS: Readonly<Record<string, readonly string[]>> = {
  'utviklingssamtale-leder': ['goals', 'principles', 'values', 'involvement', 'support'],
  kontraktsamtale: ['mission', 'trust', 'roles', 'cooperation', 'competence'],
};
