// Parses and validates a card with the adaptivecards package, as a renderer would. Its ES build does
// not load in Node (extensionless imports), so the package's own UMD bundle is required instead.
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Every parse and validation problem the Adaptive Cards SDK reports, plus Samtale's own rules. */
export function cardProblems(json: unknown): string[] {
  const problems: string[] = [];
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  const raw = json as { version?: string; actions?: { type: string; fallback?: { type: string } }[] };
  if (raw.version !== '1.5') problems.push(`version ${raw.version} is not 1.5`);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    if (v && typeof v === 'object') {
      const o = v as { type?: string; fallback?: { type?: string } };
      if (o.type === 'Action.Execute' && o.fallback?.type !== 'Action.Submit')
        problems.push('Action.Execute without an Action.Submit fallback');
      Object.values(o).forEach(walk);
    }
  };
  walk(json);
  return problems;
}
