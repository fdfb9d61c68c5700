// The archived PDF at the caps (100 rows per plan field, 10 000 characters per answer and cell) still
// goes to SharePoint in one simple upload (at most 4 MB) and keeps every row.
import { describe, expect, it } from 'vitest';
import { renderRecordPdf } from '../../src/adapters/pdf/render-record.ts';
import { MAX_ITEMS_PER_FIELD, MAX_TEXT } from '../../src/domain/answers.ts';
import { allFields } from '../../src/domain/templates/model.ts';
import { builtInTemplate } from '../../src/domain/templates/registry.ts';
import { recordForPdf } from '../helpers/record-pdf.ts';

describe('the record PDF at the caps', () => {
  it('stays under the 4 MB simple-upload limit with every row and answer full', async () => {
    const template = builtInTemplate('medarbeidersamtale-10-faktor')!;
    const sentence = 'Vi skal følge opp arbeidsmiljøet og rutinene i enheten gjennom hele året. ';
    const full = sentence.repeat(Math.ceil(MAX_TEXT / sentence.length)).slice(0, MAX_TEXT);
    const answers: Record<string, Record<string, string>> = {};
    for (const f of allFields(template))
      if (f.visibility === 'shared' && (f.kind === 'text' || f.kind === 'reflection'))
        answers[f.id] = { shared: full };
    const plan = allFields(template).find((f) => f.kind === 'actionPlan');
    const textColumns = plan && 'columns' in plan ? plan.columns.filter((c) => c.type === 'text') : [];
    expect(textColumns.length).toBeGreaterThan(1);
    const items = Array.from({ length: MAX_ITEMS_PER_FIELD }, () => ({
      fieldId: plan!.id,
      cells: Object.fromEntries(textColumns.map((c) => [c.id, full])),
    }));
    const pdf = await renderRecordPdf(recordForPdf(template, { answers, items }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(4 * 1024 * 1024);
    // Every page is there: the rows were not cut to fit.
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(300);
  });
});
