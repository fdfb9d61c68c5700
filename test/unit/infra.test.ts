// The deployment stays in step with the app: every app setting the Bicep template sets is one the
// configuration schema reads (or one App Service reads), and every parameter file entry is a parameter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';

const INFRA = join(import.meta.dirname, '..', '..', 'infra');
const bicep = readFileSync(join(INFRA, 'main.bicep'), 'utf8');
const PLATFORM = new Set([
  'WEBSITES_PORT',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ApplicationInsightsAgent_EXTENSION_VERSION',
]);

describe('infra/main.bicep', () => {
  it('sets only settings Samtale (or App Service) reads, and everything m365 mode requires', () => {
    const settings = [...bicep.matchAll(/\{ name: '([A-Za-z_]+)', value:/g)].map((m) => m[1]!);
    const known = new Set(Object.keys(configSchema.shape));
    expect(settings.filter((s) => !known.has(s) && !PLATFORM.has(s))).toEqual([]);
    for (const required of [
      'SAMTALE_MODE',
      'TENANT_ID',
      'CLIENT_ID',
      'CLIENT_SECRET',
      'PUBLIC_URL',
      'DATABASE_URL',
      'SHAREPOINT_SITE_ID',
      'SHAREPOINT_SITE_URL',
      'SHAREPOINT_SALARY_GROUP_ID',
    ])
      expect(settings).toContain(required);
  });

  it('keeps secrets in Key Vault: secret settings are Key Vault references, secret parameters are @secure', () => {
    expect(bicep).toMatch(/name: 'CLIENT_SECRET', value: '@Microsoft\.KeyVault\(SecretUri=/);
    expect(bicep).toMatch(/name: 'DATABASE_URL', value: '@Microsoft\.KeyVault\(SecretUri=/);
    for (const p of ['clientSecret', 'postgresAdminPassword'])
      expect(bicep).toMatch(new RegExp(`@secure\\(\\)\\n(@[^\\n]+\\n)*param ${p} string`));
    expect(bicep).toContain("identity: { type: 'SystemAssigned' }");
    expect(bicep).toContain("linuxFxVersion: 'NODE|24-lts'");
  });

  it('names its outputs like the settings they feed, and the parameter file fills only real parameters', () => {
    const outputs = [...bicep.matchAll(/^output ([A-Z_]+) /gm)].map((m) => m[1]!);
    for (const o of ['PUBLIC_URL', 'TENANT_ID', 'CLIENT_ID']) expect(outputs).toContain(o);
    const params = new Set([...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]!));
    const file = JSON.parse(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')) as {
      parameters: Record<string, unknown>;
    };
    expect(Object.keys(file.parameters).filter((k) => !params.has(k))).toEqual([]);
  });

  it('the deployment guide names every Graph permission the app asks for', () => {
    const guide = readFileSync(join(INFRA, 'README.md'), 'utf8');
    for (const p of [
      'User.Read.All',
      'Sites.Selected',
      'TeamsAppInstallation.ReadWriteSelfForUser.All',
      'access_as_user',
      'HR.Salary',
    ])
      expect(guide).toContain(p);
  });
});
