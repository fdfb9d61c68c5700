// npm run bench -- <scenario>   Scenarios: save-answer, tab, archive, fanout, scale-out, scale, cycle
import { archiveBench } from './archive.ts';
import { cycleBench } from './cycle.ts';
import { fanoutBench } from './fanout.ts';
import { saveAnswerBench } from './save-answer.ts';
import { scaleOutBench } from './scale-out.ts';
import { scaleBench } from './scale.ts';
import { tabBench } from './tab.ts';

const scenarios: Record<string, (args: string[]) => Promise<void>> = {
  'save-answer': saveAnswerBench,
  tab: tabBench,
  archive: archiveBench,
  fanout: fanoutBench,
  'scale-out': scaleOutBench,
  scale: scaleBench,
  cycle: cycleBench,
};

const [name = 'save-answer', ...args] = process.argv.slice(2);
const run = scenarios[name];
if (!run) {
  process.stderr.write(`Unknown scenario ${name}. Known: ${Object.keys(scenarios).join(', ')}\n`);
  process.exit(2);
}
await run(args);
