// An answer as words for reading: dates as "20. januar 2027", ratings and options by label, people
// by name. Never an id or an ISO date.
import type { I18nValue } from '../i18n.ts';
import type { Field } from '../template.ts';

export function answerText(
  field: Field,
  value: unknown,
  i18n: Pick<I18nValue, 'date' | 'rating'>,
  people: readonly { oid: string; name: string }[],
): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field.kind) {
    case 'date':
      return typeof value === 'string' ? i18n.date(value) : '—';
    case 'rating': {
      const option = field.options.find((o) => o.id === value);
      return option ? i18n.rating(option) : '—';
    }
    case 'checklist':
      return Array.isArray(value)
        ? field.options
            .filter((o) => value.includes(o.id))
            .map((o) => o.label)
            .join(', ')
        : '—';
    case 'person':
      return people.find((p) => p.oid === value)?.name ?? '—';
    case 'score':
      return typeof value === 'number' ? String(value) : '—';
    case 'text':
    case 'reflection':
    case 'goalList':
    case 'actionPlan':
    case 'previousItems':
      return typeof value === 'string' ? value : '—';
  }
}
