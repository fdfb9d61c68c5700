// The language setting: Teams (or the browser) says which language to start in; a person who prefers
// another picks it here, and the tab remembers the choice on this device (localStorage). The choice
// wins over the host's locale until it is changed again.
import { Label, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { LOCALES, WORDS, type Locale } from '../../src/contract/words/index.ts';
import { useI18n } from './i18n.ts';

const KEY = 'samtale.locale';

/** The language chosen in the tab, if any; storage that is blocked or holds junk counts as none. */
export const chosenLocale = {
  get(): Locale | null {
    try {
      const value = localStorage.getItem(KEY);
      return LOCALES.find((l) => l === value) ?? null;
    } catch {
      return null;
    }
  },
  set(locale: Locale): void {
    try {
      localStorage.setItem(KEY, locale);
    } catch {
      // Storage is off (a locked-down browser): the choice holds until the tab is closed.
    }
  },
};

/** The BCP 47 primary language for <html lang>: "nb", "nn", "en". */
export const htmlLang = (locale: Locale) => WORDS[locale].meta.tag.slice(0, 2);

const useStyles = makeStyles({
  picker: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  select: { minWidth: '10em' },
});

/** A labelled select of the languages Samtale speaks, each named in its own language. */
export function LanguagePicker({ onChange }: { onChange: (locale: Locale) => void }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const id = useId();
  return (
    // Marked so a page heading does not take the focus from it when the words change (PageTitle).
    <div className={styles.picker} data-language-picker="">
      <Label htmlFor={id} size="small">
        {t('language')}
      </Label>
      <Select
        id={id}
        size="small"
        className={styles.select}
        value={locale}
        onChange={(_, data) => {
          const next = LOCALES.find((l) => l === data.value);
          if (!next) return;
          chosenLocale.set(next);
          onChange(next);
        }}
      >
        {LOCALES.map((l) => (
          // Each name in its own language, marked so a screen reader pronounces it as such.
          <option key={l} value={l} lang={WORDS[l].meta.tag}>
            {WORDS[l].meta.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
