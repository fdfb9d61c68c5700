import { Card, Text, Title3 } from '@fluentui/react-components';
import type { Template } from '../template.ts';
import { useFormLayout } from './layout.ts';

/** The template's purpose, above its sections: on the conversation page and in the editor's preview alike. */
export function Purpose({ purpose }: { purpose: NonNullable<Template['purpose']> }) {
  const layout = useFormLayout();
  return (
    <Card className={layout.section}>
      <Title3 block as="h2">
        {purpose.heading}
      </Title3>
      <Text as="p" block>
        {purpose.lead}
      </Text>
      <ul>
        {purpose.points.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </Card>
  );
}
