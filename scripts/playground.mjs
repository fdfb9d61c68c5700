// `npm run playground [-- <demo user>]`: Microsoft 365 Agents Playground (a Teams-like client, offline)
// talking to the bot of a local Samtale (`npm start`), signed in as one of the demo organisation's
// people (Per Johansen unless named: `npm run playground -- ola`). The Playground's own configuration
// is written from the demo organisation, so the bot knows who is talking.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, DEMO_TENANT_ID, DEMO_USERS } from '../src/seed/demo-organisation.ts';

const CLI = join(import.meta.dirname, '..', 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

/** The Playground's configuration (YAML) for a demo user, with the rest of the demo as its roster. */
export function playgroundConfig(key, conversationId = `personal-chat-${key}`) {
  const person = (k) => {
    const u = DEMO_USERS.find((x) => x.oid === DEMO[k]);
    const [given, ...rest] = u.name.split(' ');
    return { id: `user-${k}`, name: u.name, upn: u.upn, oid: u.oid, given, surname: rest.join(' ') };
  };
  const me = person(key);
  // The Playground wants five other people in its roster, and refuses to start with more.
  const others = Object.keys(DEMO)
    .filter((k) => k !== key)
    .slice(0, 5)
    .map(person);
  const entry = (p, indent) =>
    [
      `id: ${p.id}`,
      `name: ${p.name}`,
      `userPrincipleName: ${p.upn}`,
      `aadObjectId: ${p.oid}`,
      `givenName: ${p.given}`,
      `surname: ${p.surname}`,
      `email: ${p.upn}`,
    ].map((l, i) => `${i === 0 && indent.startsWith('  -') ? indent : indent.replace('-', ' ')}${l}`);
  return [
    'version: "0.1.1"',
    `tenantId: ${DEMO_TENANT_ID}`,
    'bot:',
    '  id: 00000000-0000-4000-8000-000000000099',
    '  name: Samtale',
    'currentUser:',
    ...entry(me, '  '),
    'users:',
    ...others.flatMap((p) => entry(p, '  - ')),
    'personalChat:',
    `  id: ${conversationId}`,
    'groupChat:',
    '  id: group-chat',
    '  name: Gruppechat',
    'team:',
    '  id: team-id',
    '  name: Fjordvik',
    '  aadGroupId: 00000000-0000-4000-8000-000000000031',
    '  channels:',
    '    - id: channel-general',
    '      name: Generelt',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const key = (process.argv[2] ?? 'per').toLowerCase();
  if (!(key in DEMO)) {
    process.stderr.write(`samtale: unknown demo user "${key}"; one of: ${Object.keys(DEMO).join(', ')}\n`);
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'samtale-playground-'));
  const config = join(dir, 'playground.yml');
  writeFileSync(config, playgroundConfig(key));
  const port = process.env.PORT ?? '3978';
  process.stdout.write(
    `samtale: Agents Playground as ${key}, talking to http://127.0.0.1:${port}/api/messages (start Samtale with npm start first)\n`,
  );
  const child = spawn(
    process.execPath,
    [CLI, '-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '--disable-telemetry'],
    { stdio: 'inherit', cwd: dir, env: { ...process.env, M365_AGENTS_PLAYGROUND_CONFIG_PATH: config } },
  );
  child.on('exit', (code) => process.exit(code ?? 0));
}
