// The template editor's words: the tab.templates group (a plural phrase chosen by vars.count), and a
// field's kind, writer and visibility as a person reads them, with the template's own party names.
import { useMemo } from 'react';
import type { ResponseOf } from '../../../src/contract/endpoints.ts';
import { fill, plural, type Vars } from '../../../src/contract/words/format.ts';
import type { Plural, Words } from '../../../src/contract/words/index.ts';
import { useI18n } from '../i18n.ts';
import type { Field, Party, Template, Writer } from '../template.ts';

export type EditableTemplate = ResponseOf<'getEditableTemplate'>;

type TemplateWords = Words['tab']['templates'];
type PhraseKey = {
  [K in keyof TemplateWords]: TemplateWords[K] extends string | Plural ? K : never;
}[keyof TemplateWords];
export type ChangeKey = keyof TemplateWords['change'];

export function useTemplateWords() {
  const i18n = useI18n();
  const { locale, words } = i18n;
  return useMemo(() => {
    const group = words.tab.templates;
    const m = (key: PhraseKey, vars?: Vars): string => {
      const phrase: string | Plural = group[key];
      return typeof phrase === 'string'
        ? fill(phrase, vars)
        : plural(locale, phrase, Number(vars?.count ?? 0), vars);
    };
    /** Who fills a field in: a party by the template's own name for it, or both. */
    const writer = (template: Pick<Template, 'parties'>, w: Writer): string =>
      w === 'leader' || w === 'employee' ? template.parties[w] : group.writer[w];
    return {
      ...i18n,
      tw: group,
      m,
      writer,
      /** A party's name inside a sentence ("Forhåndsvis som leder"). */
      party: (template: Pick<Template, 'parties'>, p: Party) => template.parties[p].toLocaleLowerCase(locale),
      /** One line that says what a field is: "Tekst · Begge, i ett felles svar · I referatet …". */
      summary: (template: Pick<Template, 'parties'>, f: Field) =>
        m('fieldSummary', {
          kind: group.kind[f.kind],
          writer: writer(template, f.writer),
          visibility: group.visibility[f.visibility],
        }),
    };
  }, [i18n, locale, words]);
}
