import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shared seeds sit beside the repository (../shared/seeds), in CI as on a developer's machine. */
export const SEEDS_DIR =
  process.env.SAMTALE_SEEDS_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');

/**
 * Whether the seed documents are here. A clone of the repository alone has no ../shared: the tests
 * that compare with the seeds then skip, saying so. In CI they must be found.
 */
export const SEEDS_PRESENT = existsSync(SEEDS_DIR);
if (!SEEDS_PRESENT) {
  if (process.env.CI) throw new Error(`seed documents not found at ${SEEDS_DIR}, and CI requires them`);
  process.stderr.write(
    `note: no seed documents at ${SEEDS_DIR} (set SAMTALE_SEEDS_DIR); the seed-fidelity tests are skipped\n`,
  );
}

export function seedText(number: string): string {
  if (!SEEDS_PRESENT) throw new Error(`seed documents not found at ${SEEDS_DIR} (set SAMTALE_SEEDS_DIR)`);
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(`${number}_`));
  if (!file) throw new Error(`seed ${number} not found in ${SEEDS_DIR}`);
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

/**
 * The seeds are text pulled out of PDF and Word files, with line breaks inside words ("m\nål").
 * Comparing with all white space removed keeps every character of the wording and drops only the breaks.
 */
export const squash = (s: string) => s.replace(/[\s\u00a0]+/g, '').replace(/[()]/g, '');
