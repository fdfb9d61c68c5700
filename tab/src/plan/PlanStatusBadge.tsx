import { Badge } from '@fluentui/react-components';
import { useI18n } from '../i18n.ts';
import type { PlanStatus } from './types.ts';

const COLOUR: Record<PlanStatus, 'informative' | 'brand' | 'success' | 'warning' | 'subtle'> = {
  draft: 'informative',
  input: 'brand',
  adopted: 'success',
  reporting: 'warning',
  closed: 'subtle',
};

/** A plan's stage in words: "Utkast", "Åpen for innspill", "Vedtatt" … */
export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { words } = useI18n();
  return (
    <Badge appearance="tint" color={COLOUR[status]} shape="rounded">
      {words.planStatus[status]}
    </Badge>
  );
}
