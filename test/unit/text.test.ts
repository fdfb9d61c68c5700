// What text the service refuses where it enters: unstorable (NUL, lone surrogates) and unprintable
// (a character the archive copy's fonts do not have), with the characters named as a person reads them.
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/adapters/pdf/fonts.ts';
import { unprintableCharacters, unprintableTextAt, unstorableTextAt } from '../../src/domain/text.ts';

describe('text that cannot be printed in the archive copy', () => {
  it('accepts every script the fonts cover, line breaks and tabs included', () => {
    const text = 'Åse æøå\nÁŋŋe Čađa\tΚαλημέρα Привет שלום مرحبا ሰላም 👍 ✅ 👩‍💻 ❤️ 🇳🇴';
    expect(unprintableCharacters(text, printable)).toEqual([]);
    expect(unprintableTextAt({ value: text, rows: [{ cells: { mal: text } }] }, printable)).toBeNull();
  });

  it('names each character no font has once, quoted, and an invisible one by its code', () => {
    expect(unprintableTextAt({ value: 'Møte med 王芳 og 王' }, printable)).toEqual({
      at: 'value',
      characters: '«王», «芳»',
    });
    expect(unprintableTextAt({ cells: { hva: 'a\u0007b' } }, printable)).toEqual({
      at: 'cells.hva',
      characters: 'U+0007',
    });
  });

  it('finds it in keys and in lists too, with the path to it', () => {
    expect(unprintableTextAt({ answers: ['ok', 'ไทย'] }, printable)?.at).toBe('answers.1');
    expect(unprintableTextAt({ 漢: 'x' }, printable)?.at).toBe('漢');
  });

  it('leaves unstorable text to its own check', () => {
    expect(unstorableTextAt({ a: 'x\u0000' })).toBe('a');
    expect(unstorableTextAt({ a: 'æøå 漢' })).toBeNull();
  });
});
