// The samtale command's failures, as the person at the terminal sees them: one line in their language,
// from the error catalogue, and a non-zero exit; never a stack trace (unless LOG_LEVEL=debug asks).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WORDS } from '../../src/contract/words/index.ts';
import { runCli } from '../helpers/process.ts';

/** A terminal in the given locale, on a fresh PGlite database. */
const terminal = (LANG: string, more: Record<string, string> = {}) => ({
  LANG,
  LC_ALL: '',
  LC_MESSAGES: '',
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
  ...more,
});

const STACK_LINE = /^\s+at /m;

// Each case starts the CLI, which opens and migrates a fresh database: slow on a busy machine.
describe('samtale CLI errors', { timeout: 180_000 }, () => {
  it('a malformed id: one Norwegian line from the catalogue naming the id, exit non-zero, no stack', async () => {
    const [verify, run] = await Promise.all([
      runCli(['archive', 'verify', 'not-a-uuid'], terminal('nb_NO.UTF-8')),
      runCli(['archive', 'run', 'not-a-uuid'], terminal('nb_NO.UTF-8')),
    ]);
    for (const r of [verify, run]) {
      expect(r.status).not.toBe(0);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.stderr).toContain(WORDS.nb.errors.VALIDATION_FAILED);
      expect(r.stderr).toContain('not-a-uuid');
      // The database never saw it.
      expect(r.stderr).not.toMatch(/uuid.*syntax|syntax.*uuid/i);
    }
  });

  it('an unknown id: the catalogue’s "not found" in the terminal’s language', async () => {
    const id = randomUUID();
    const [nb, nn, en] = await Promise.all([
      runCli(['archive', 'verify', id], terminal('nb_NO.UTF-8')),
      runCli(['archive', 'verify', id], terminal('en_GB.UTF-8', { LC_ALL: 'nn_NO.UTF-8' })),
      runCli(['archive', 'verify', id], terminal('C.UTF-8')),
    ]);
    for (const [r, words] of [
      [nb, WORDS.nb],
      [nn, WORDS.nn],
      [en, WORDS.en],
    ] as const) {
      expect(r.status).not.toBe(0);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.stderr).toContain(words.errors.CONVERSATION_NOT_FOUND);
    }
  });

  it('LOG_LEVEL=debug adds the stack for whoever is debugging', async () => {
    const r = await runCli(
      ['archive', 'verify', 'not-a-uuid'],
      terminal('en_US.UTF-8', { LOG_LEVEL: 'debug' }),
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr.split('\n')[0]).toContain(WORDS.en.errors.VALIDATION_FAILED);
    expect(r.stderr).toMatch(STACK_LINE);
  });
});
