// A record to render as PDF in tests: a signed-looking record of a template, with what a test sets.
import type { RecordForPdf } from '../../src/adapters/pdf/render-record.ts';
import type { Template } from '../../src/domain/templates/model.ts';

export function recordForPdf(template: Template, over: Partial<RecordForPdf> = {}): RecordForPdf {
  return {
    template,
    part: 'record',
    conversationId: '11111111-1111-4111-8111-111111111111',
    period: '2026',
    scheduledAt: null,
    parties: { leader: 'Ola Hansen', employee: 'Per Johansen' },
    answers: {},
    items: [],
    people: {},
    signatures: [],
    contentHash: `sha256:${'0'.repeat(64)}`,
    organisation: 'Fjordvik kommune',
    ...over,
  };
}
