import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shared seeds sit beside the repository (../shared/seeds), in CI as on a developer's machine. */
export const SEEDS_DIR =
  process.env.SAMTALE_SEEDS_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');

export function seedText(number: string): string {
  if (!existsSync(SEEDS_DIR))
    throw new Error(`seed documents not found at ${SEEDS_DIR} (set SAMTALE_SEEDS_DIR)`);
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${number}_`));
  if (!file) throw new Error(`seed ${number} not found in ${SEEDS_DIR}`);
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

/**
 * The seeds are text pulled out of PDF and Word files, with line breaks inside words ("m\nål").
 * Comparing with all white space removed keeps every character of the wording and drops only the breaks.
 */
export const squash = (s: string) => s.replace(/[\s\u00a0]+/g, '').replace(/[()]/g, '');
