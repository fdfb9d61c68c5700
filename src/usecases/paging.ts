import type { z } from 'zod';
import { AppError } from '../errors/catalogue.ts';

/** A page's `next`: where the following page begins, opaque to the caller. */
export const encodeCursor = (at: Record<string, string>): string =>
  Buffer.from(JSON.stringify(at)).toString('base64url');

/** A `next` given back, read with the shape it must have; anything else is the caller's error. */
export function decodeCursor<T>(cursor: string, shape: z.ZodType<T>): T {
  let at: unknown;
  try {
    at = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    at = undefined;
  }
  const read = shape.safeParse(at);
  if (read.success) return read.data;
  throw new AppError('VALIDATION_FAILED', {
    in: 'query',
    issues: [{ path: 'after', message: 'not a page of this list' }],
  });
}
