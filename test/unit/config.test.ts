import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, summariseConfig } from '../../src/config/schema.ts';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe('configuration', () => {
  it('defaults to local mode on loopback with the demo and dev sign-in', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      mode: 'local',
      host: '127.0.0.1',
      port: 3978,
      seedDemo: true,
      devLogin: true,
      archiveDir: './data/archive',
    });
  });

  it('local mode refuses a non-loopback bind', () => {
    expect(problems({ HOST: '0.0.0.0' })).toEqual([
      expect.stringMatching(/^HOST: local mode binds to loopback only/),
    ]);
    expect(problems({ HOST: '192.168.1.10' })).toHaveLength(1);
    expect(problems({ HOST: '::1' })).toEqual([]);
    expect(problems({ HOST: '127.0.0.2' })).toEqual([]);
  });

  it('retention has defaults, and the retired CYCLE_DEADLINE stops the start with what replaced it', () => {
    expect(loadConfig({})).toMatchObject({ retentionYears: 10, preparationRetentionDays: 30 });
    expect(loadConfig({ PREPARATION_RETENTION_DAYS: '0' }).preparationRetentionDays).toBe(0);
    expect(problems({ PREPARATION_RETENTION_DAYS: '-1' })).toHaveLength(1);
    expect(problems({ CYCLE_DEADLINE: '12-15' })).toEqual([
      expect.stringMatching(/^CYCLE_DEADLINE: .*HR defines rounds/),
    ]);
  });

  it('feedback rounds show a result from three answers by default, and never from fewer', () => {
    expect(loadConfig({}).feedbackMinAnswers).toBe(3);
    expect(loadConfig({ FEEDBACK_MIN_ANSWERS: '5' }).feedbackMinAnswers).toBe(5);
    expect(problems({ FEEDBACK_MIN_ANSWERS: '2' })).toEqual([
      expect.stringMatching(/^FEEDBACK_MIN_ANSWERS: .*never below 3/),
    ]);
  });

  it('lists every problem at once', () => {
    const found = problems({
      PORT: 'eighty',
      SAMTALE_MODE: 'cloud',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'SAMTALE_MODE',
    ]);
  });

  it('m365 mode names each missing setting and refuses local-only ones', () => {
    const found = problems({
      SAMTALE_MODE: 'm365',
      HOST: '0.0.0.0',
      DEV_LOGIN: 'true',
      LOCAL_ARCHIVE_DIR: '/tmp/a',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'CLIENT_ID',
      'CLIENT_SECRET',
      'DEV_LOGIN',
      'LOCAL_ARCHIVE_DIR',
      'PUBLIC_URL',
      'SHAREPOINT_SALARY_GROUP_ID',
      'SHAREPOINT_SITE_ID',
      'SHAREPOINT_SITE_URL',
      'TENANT_ID',
    ]);
  });

  it('the SharePoint archive names what it needs, in local mode too, and validates the site id and URLs', () => {
    const found = problems({
      ARCHIVE_BACKEND: 'sharepoint',
      SHAREPOINT_SITE_ID: 'not-a-site',
      SHAREPOINT_SITE_URL: 'http://fjordvik.sharepoint.com/sites/arkiv',
      LOCAL_ARCHIVE_DIR: '/tmp/a',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'CLIENT_ID',
      'CLIENT_SECRET',
      'LOCAL_ARCHIVE_DIR',
      'SHAREPOINT_SALARY_GROUP_ID',
      'SHAREPOINT_SITE_ID',
      'SHAREPOINT_SITE_URL',
      'TENANT_ID',
    ]);
    const c = loadConfig({
      ARCHIVE_BACKEND: 'sharepoint',
      TENANT_ID: '8f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      CLIENT_ID: '1f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      CLIENT_SECRET: 's3cr3t-value',
      SHAREPOINT_SITE_ID:
        'fjordvik.sharepoint.com,2f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00,3f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      SHAREPOINT_SITE_URL: 'https://fjordvik.sharepoint.com/sites/samtalearkiv',
      SHAREPOINT_SALARY_GROUP_ID: '4f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
    });
    expect(c.archive).toMatchObject({
      backend: 'sharepoint',
      library: 'Samtalearkiv',
      siteUrl: 'https://fjordvik.sharepoint.com/sites/samtalearkiv',
    });
    expect(c.graphUrl).toBe('https://graph.microsoft.com');
    expect(JSON.stringify(summariseConfig(c))).not.toContain('s3cr3t-value');
    expect(loadConfig({}).archive).toEqual({ backend: 'local' });
  });

  it('m365 mode never turns on the demo or dev sign-in by default', () => {
    const c = loadConfig({
      SAMTALE_MODE: 'm365',
      HOST: '0.0.0.0',
      TENANT_ID: '8f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      CLIENT_ID: '1f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      CLIENT_SECRET: 's3cr3t-value',
      PUBLIC_URL: 'https://samtale.example.no',
      SHAREPOINT_SITE_ID:
        'fjordvik.sharepoint.com,2f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00,3f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
      SHAREPOINT_SITE_URL: 'https://fjordvik.sharepoint.com/sites/samtalearkiv',
      SHAREPOINT_SALARY_GROUP_ID: '4f3c6a52-4b1e-4c1a-9d3e-2a7b5c9e1f00',
    });
    expect(c.devLogin).toBe(false);
    expect(c.seedDemo).toBe(false);
    // Teams meetings are on where there is Graph (an admin consents to Calendars.ReadWrite).
    expect(c.teamsMeetings).toBe(true);
    const summary = JSON.stringify(summariseConfig(c));
    expect(summary).not.toContain('s3cr3t-value');
    expect(summary).toContain('[redacted]');
  });

  it('offers no Teams meetings in local mode, and refuses to be told otherwise', () => {
    expect(loadConfig({}).teamsMeetings).toBe(false);
    expect(() => loadConfig({ TEAMS_MEETINGS: 'true' })).toThrow(/TEAMS_MEETINGS: .*m365 mode only/);
  });

  it('redacts the database password in the summary', () => {
    const summary = JSON.stringify(
      summariseConfig(loadConfig({ DATABASE_URL: 'postgres://app:hunter2@db.example:5432/samtale' })),
    );
    expect(summary).not.toContain('hunter2');
  });
});
