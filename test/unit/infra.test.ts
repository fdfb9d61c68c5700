// The deployment stays in step with the app: every app setting the Bicep template sets is one the
// configuration schema reads (or one App Service reads), and every parameter file entry is a parameter.
// It also stays locked down: no public database or vault, no database password, no secret on a command line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';

const INFRA = join(import.meta.dirname, '..', '..', 'infra');
const bicep = readFileSync(join(INFRA, 'main.bicep'), 'utf8');
const guide = readFileSync(join(INFRA, 'README.md'), 'utf8');
/** The modules main.bicep uses, by path. */
const modules = new Map(
  [...bicep.matchAll(/^module \w+ '([^']+)'/gm)].map((m) => [
    m[1]!,
    readFileSync(join(INFRA, m[1]!), 'utf8'),
  ]),
);
const templates = [bicep, ...modules.values()];

/** Every resource (or module) of a type declared, not `existing`: from its first line to its closing brace. */
function declarations(type: string): string[] {
  return templates.flatMap((t) =>
    [
      ...t.matchAll(
        new RegExp(`^(resource|module) \\w+ '${type.replaceAll('.', '\\.')}(@[^']+)?' = \\{`, 'gm'),
      ),
    ].map((m) => t.slice(m.index, t.indexOf('\n}\n', m.index) + 2)),
  );
}
function declaration(type: string): string {
  const found = declarations(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
}
const PLATFORM = new Set([
  'WEBSITES_PORT',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ApplicationInsightsAgent_EXTENSION_VERSION',
]);

describe('infra/main.bicep', () => {
  it('scales out: the instance count sizes the plan, any instance answers (no affinity), and a failing one leaves rotation', () => {
    expect(bicep).toMatch(/^param instanceCount int = \d+$/m);
    expect(declaration('Microsoft.Web/serverfarms')).toMatch(/capacity: instanceCount/);
    const web = declaration('Microsoft.Web/sites');
    expect(web).toMatch(/clientAffinityEnabled: false/);
    expect(web).toMatch(/healthCheckPath: '\/healthz'/);
    expect(guide).toContain('## Running more than one instance');
  });

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
    expect(bicep).toMatch(new RegExp(`@secure\\(\\)\\n(@[^\\n]+\\n)*param clientSecret string`));
    expect(bicep).toContain("identity: { type: 'SystemAssigned' }");
    expect(bicep).toContain("linuxFxVersion: 'NODE|24-lts'");
  });

  it('has no database password: DATABASE_URL is a plain setting without one, and the app signs in with Entra', () => {
    expect(bicep).not.toMatch(/postgresAdminPassword|administratorLoginPassword|postgresAdminLogin/);
    expect(bicep).toContain("{ name: 'DATABASE_URL', value: databaseUrl }");
    expect(bicep).toContain("{ name: 'DATABASE_AUTH', value: 'entra' }");
    // user@host: no ":password" in the user part.
    expect(bicep).toMatch(/^var databaseUrl = 'postgresql:\/\/\$\{webName\}@[^'@]+'$/m);
  });

  it('keeps PostgreSQL off the internet: a delegated subnet, private DNS, no firewall rules', () => {
    expect(bicep).not.toContain('firewallRules');
    // The one 0.0.0.0 is the address the app binds to inside its container, not a firewall rule.
    const zeros = [...bicep.matchAll(/^.*0\.0\.0\.0.*$/gm)].map((m) => m[0].trim());
    expect(zeros).toEqual(["{ name: 'HOST', value: '0.0.0.0' }"]);
    const server = declaration('Microsoft.DBforPostgreSQL/flexibleServers');
    expect(server).toMatch(/network: \{\s*delegatedSubnetResourceId: \w+/);
    expect(server).toMatch(/privateDnsZoneArmResourceId: \w+\.id/);
    expect(server).toContain("publicNetworkAccess: 'Disabled'");
    const vnet = declaration('Microsoft.Network/virtualNetworks');
    expect(vnet).toContain("serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'");
    expect(vnet).toContain("serviceName: 'Microsoft.Web/serverFarms'");
    const zones = declarations('Microsoft.Network/privateDnsZones');
    expect(zones.some((z) => /name: '[^']*\.postgres\.database\.azure\.com'/.test(z))).toBe(true);
    expect(zones.some((z) => z.includes("name: 'privatelink.vaultcore.azure.net'"))).toBe(true);
    const links = declarations('Microsoft.Network/privateDnsZones/virtualNetworkLinks');
    expect(links).toHaveLength(zones.length);
    for (const link of links) expect(link).toContain('virtualNetwork: { id: vnet.id }');
  });

  it("lets PostgreSQL accept Entra tokens only, with the web app's managed identity as its administrator", () => {
    const server = declaration('Microsoft.DBforPostgreSQL/flexibleServers');
    expect(server).toMatch(
      /authConfig: \{ activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled', tenantId: tenantId \}/,
    );
    const admin = declaration('Microsoft.DBforPostgreSQL/flexibleServers/administrators');
    expect(admin).toContain("principalType: 'ServicePrincipal'");
    expect(admin).toMatch(/name: principalId\n/);
    // The module that declares it gets the web app's identity.
    const [path] = [...modules].find(([, text]) => text.includes(admin)) ?? [];
    const call = declaration(path ?? '(no module declares the administrator)');
    expect(call).toContain('principalId: web.identity.principalId');
    expect(call).toContain('principalName: web.name');
  });

  it('keeps Key Vault private and reaches it, and PostgreSQL, through VNet integration', () => {
    const vault = declaration('Microsoft.KeyVault/vaults');
    expect(vault).toContain("publicNetworkAccess: 'Disabled'");
    expect(vault).toContain("networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }");
    expect(vault).toContain('enableRbacAuthorization: true');
    const endpoint = declaration('Microsoft.Network/privateEndpoints');
    expect(endpoint).toContain("privateLinkServiceId: vault.id, groupIds: ['vault']");
    expect(declaration('Microsoft.Network/privateEndpoints/privateDnsZoneGroups')).toContain(
      'privateDnsZoneId: vaultDns.id',
    );
    const web = declaration('Microsoft.Web/sites');
    expect(web).toMatch(/virtualNetworkSubnetId: \w+/);
    expect(web).toContain('vnetRouteAllEnabled: true');
    expect(web).toContain("keyVaultReferenceIdentity: 'SystemAssigned'");
  });

  it('names its outputs like the settings they feed, and the parameter file fills only real parameters', () => {
    const outputs = [...bicep.matchAll(/^output ([A-Z_]+) /gm)].map((m) => m[1]!);
    for (const o of ['PUBLIC_URL', 'TENANT_ID', 'CLIENT_ID']) expect(outputs).toContain(o);
    const params = new Set([...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]!));
    const file = JSON.parse(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')) as {
      parameters: Record<string, unknown>;
    };
    expect(Object.keys(file.parameters).filter((k) => !params.has(k))).toEqual([]);
    // The checked-in file never holds a secret.
    expect(Object.keys(file.parameters)).not.toContain('clientSecret');
  });

  it('the deployment guide never puts a secret on a command line', () => {
    expect(guide).not.toMatch(/clientSecret=|--value\b|[Pp]assword=|--password\b|CLIENT_SECRET=/);
    // The secret reaches the deployment in a parameter file, and the guide describes the network.
    expect(guide).toContain('-p @secret.parameters.json');
    for (const word of [
      'pgaadauth_create_principal',
      'privatelink.vaultcore.azure.net',
      'Microsoft.Web/serverFarms',
    ])
      expect(guide).toContain(word);
  });

  it('the deployment guide names every Graph permission the app asks for', () => {
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
