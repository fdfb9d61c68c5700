// The samtale command: `serve` (default) and `templates export`.
import { ConfigError, loadConfig, summariseConfig } from './config/schema.ts';
import { BUILT_IN_TEMPLATES } from './domain/templates/registry.ts';
import { APP_VERSION, StartupError, startSamtale } from './app.ts';

async function serve() {
  const config = loadConfig(process.env);
  process.stderr.write(`Samtale ${APP_VERSION}: ${JSON.stringify(summariseConfig(config))}\n`);
  const app = await startSamtale(config);
  process.stdout.write(`Samtale kjører på ${app.url}  (mode: ${config.mode}; API description: ${app.url}/api/openapi.json)\n`);
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`Samtale stopper (${signal}) …\n`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function exportTemplates() {
  process.stdout.write(JSON.stringify({ format: 'samtale.templates/v1', templates: BUILT_IN_TEMPLATES }, null, 2) + '\n');
}

const USAGE = `Usage: samtale [serve]            start the server
       samtale templates export  print all templates as one JSON document`;

async function main(argv: string[]) {
  const [command = 'serve', sub] = argv;
  if (command === 'serve') return serve();
  if (command === 'templates' && sub === 'export') return exportTemplates();
  if (command === 'help' || command === '--help') return void process.stdout.write(USAGE + '\n');
  process.stderr.write(`Unknown command: ${argv.join(' ')}\n${USAGE}\n`);
  process.exit(2);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Samtale could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
