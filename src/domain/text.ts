// Text that cannot be stored: PostgreSQL refuses a NUL in text and JSON, and a lone UTF-16
// surrogate is not a character at all. Both are refused where text enters, never half-stored.

// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (s: string): boolean => !BAD.test(s);

/** Where in a parsed value (keys included) the first unstorable text is, as a path; null when none. */
export function unstorableTextAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || '.';
  if (typeof value !== 'object' || value === null) return null;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, v] of entries) {
    const here = path ? `${path}.${key}` : key;
    if (!isStorableText(key)) return here;
    const found = unstorableTextAt(v, here);
    if (found !== null) return found;
  }
  return null;
}
