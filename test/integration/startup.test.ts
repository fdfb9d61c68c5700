import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN } from '../helpers/process.ts';
import { describe, expect, it } from 'vitest';

const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, 'serve'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('starting Samtale', () => {
  it('refuses a bad configuration: every problem listed, exit non-zero, nothing started', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samtale-start-'));
    try {
      const r = run({ HOST: '0.0.0.0', PORT: '99999', LOG_LEVEL: 'chatty', DATA_DIR: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('Invalid configuration');
      for (const key of ['HOST', 'PORT', 'LOG_LEVEL'])
        expect(r.stderr).toMatch(new RegExp(`^  - ${key}: `, 'm'));
      expect(r.stdout).not.toContain('http://');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('m365 mode names each missing tenant setting', () => {
    const r = run({ SAMTALE_MODE: 'm365', HOST: '0.0.0.0', DEV_LOGIN: 'true' });
    expect(r.status).toBe(1);
    for (const key of ['TENANT_ID', 'CLIENT_ID', 'CLIENT_SECRET', 'PUBLIC_URL', 'DEV_LOGIN'])
      expect(r.stderr).toMatch(new RegExp(`^  - ${key}: `, 'm'));
  });

  it('never prints a secret in the start-up summary', () => {
    const r = run({
      SAMTALE_MODE: 'm365',
      HOST: '0.0.0.0',
      TENANT_ID: '8f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      CLIENT_ID: '1f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      CLIENT_SECRET: 'topp-hemmelig-verdi',
      PUBLIC_URL: 'https://samtale.example.no',
      SHAREPOINT_SITE_ID:
        'fjordvik.sharepoint.com,2f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00,3f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      SHAREPOINT_SITE_URL: 'https://fjordvik.sharepoint.com/sites/samtalearkiv',
      SHAREPOINT_SALARY_GROUP_ID: '4f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/none',
    });
    expect(r.stderr).toContain('[redacted]');
    expect(r.stderr + r.stdout).not.toContain('topp-hemmelig-verdi');
    expect(r.stderr + r.stdout).not.toContain('hunter2');
    expect(r.status).toBe(1);
  });
});
