import { AppError } from '../errors/catalogue.ts';

/** A page's `next`: where the following page begins, opaque to the caller. */
export const encodeCursor = (at: Record<string, string>): string =>
  Buffer.from(JSON.stringify(at)).toString('base64url');

/** A `next` given back, read with the fields it must hold; anything else is the caller's error. */
export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string> {
  try {
    const at = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;
    if (keys.every((k) => typeof at[k] === 'string')) return at as Record<K, string>;
  } catch {
    // falls through to the refusal below
  }
  throw new AppError('VALIDATION_FAILED', {
    in: 'query',
    issues: [{ path: 'after', message: 'not a page of this list' }],
  });
}
