// Text that cannot be stored: PostgreSQL refuses a NUL in text and JSON, and a lone UTF-16
// surrogate is not a character at all. Text that cannot be printed: a character none of the archive
// copy's fonts covers would print as an empty box and be lost on paper. Both are refused where text
// enters, never half-stored.

// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (s: string): boolean => !BAD.test(s);

/** The first text in a parsed value (keys included) failing a test, and where it is as a path. */
function textAt(
  value: unknown,
  fails: (s: string) => boolean,
  path: string,
): { at: string; text: string } | null {
  if (typeof value === 'string') return fails(value) ? { at: path || '.', text: value } : null;
  if (typeof value !== 'object' || value === null) return null;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, v] of entries) {
    const here = path ? `${path}.${key}` : key;
    if (fails(key)) return { at: here, text: key };
    const found = textAt(v, fails, here);
    if (found !== null) return found;
  }
  return null;
}

/** Where in a parsed value (keys included) the first unstorable text is, as a path; null when none. */
export const unstorableTextAt = (value: unknown): string | null =>
  textAt(value, (s) => !isStorableText(s), '')?.at ?? null;

/** Line breaks and tabs are layout, not glyphs. */
const LAYOUT = new Set([0x09, 0x0a, 0x0d]);

/** The characters of a text that cannot be printed (each once, in order), given what prints. */
export function unprintableCharacters(s: string, printable: (codePoint: number) => boolean): string[] {
  const found = new Set<string>();
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!LAYOUT.has(cp) && !printable(cp)) found.add(ch);
  }
  return [...found];
}

/**
 * The first text in a parsed value with characters that cannot be printed: where, and which, as a
 * person can read them (an invisible one by its code, U+0007); null when all print.
 */
export function unprintableTextAt(
  value: unknown,
  printable: (codePoint: number) => boolean,
): { at: string; characters: string } | null {
  const found = textAt(value, (s) => unprintableCharacters(s, printable).length > 0, '');
  if (found === null) return null;
  const characters = unprintableCharacters(found.text, printable)
    .slice(0, 5)
    .map((c) =>
      /^[\p{L}\p{N}\p{P}\p{S}\p{M}]+$/u.test(c)
        ? `«${c}»`
        : `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
    )
    .join(', ');
  return { at: found.at, characters };
}
