import { Text } from '@fluentui/react-components';
import { useI18n } from '../i18n.ts';
import type { GuideQuestion } from '../template.ts';
import { useFormLayout } from './layout.ts';

/** A section's or field's guide questions, beside the field (below it on a narrow page). */
export function Guide({
  heading,
  guide,
  id,
}: {
  heading?: string | undefined;
  guide: GuideQuestion[];
  id?: string;
}) {
  const layout = useFormLayout();
  const { t } = useI18n();
  return (
    <aside className={layout.guide} aria-label={heading ?? t('guide')} id={id}>
      <Text weight="semibold" block>
        {heading ?? t('guide')}
      </Text>
      <ul>
        {guide.map((g) => (
          <li key={g.text}>
            {g.text}
            {g.sub && (
              <ul>
                {g.sub.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
