import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../helpers/process.ts';
import { unzip } from '../helpers/unzip.ts';

const SCHEMAS = join(import.meta.dirname, '..', '..', '..', 'shared', 'schemas');
const MANIFEST_SCHEMA = join(SCHEMAS, 'MicrosoftTeams.v1.29.schema.json');
const LOCALIZATION_SCHEMA = join(SCHEMAS, 'MicrosoftTeams.Localization.v1.29.schema.json');
// Microsoft's schemas sit beside the repository (../shared/schemas); a clone alone has none.
const SCHEMAS_PRESENT = existsSync(MANIFEST_SCHEMA);
if (!SCHEMAS_PRESENT) {
  if (process.env.CI)
    throw new Error(`the Teams manifest schema is not at ${MANIFEST_SCHEMA}, and CI requires it`);
  process.stderr.write(
    `note: no Teams manifest schema at ${SCHEMAS}; the offline schema validation is skipped\n`,
  );
}
// CommonJS packages: their default export sits on `.default` when imported from ESM.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;
const ENV = {
  TEAMS_APP_ID: '3c9a1e55-6f2b-4d8e-9a10-b2c3d4e5f607',
  CLIENT_ID: '7b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
  PUBLIC_URL: 'https://samtale.fjordvik.kommune.no',
};

/** Width, height, colour type and the RGBA pixels of an unfiltered 8-bit RGBA PNG. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colorType = png[25];
  const idat: Buffer[] = [];
  for (let p = 8; p < png.length;) {
    const length = png.readUInt32BE(p);
    if (png.toString('latin1', p + 4, p + 8) === 'IDAT') idat.push(png.subarray(p + 8, p + 8 + length));
    p += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = (x: number, y: number) =>
    raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4);
  return { width, height, colorType, pixels };
}

describe('the Teams app package', () => {
  it(
    '`samtale package` builds a zip with exactly the manifest, its localizations and the icons',
    { timeout: 60_000 },
    async () => {
      const r = await cli(['package'], ENV);
      expect(r.status, r.stderr).toBe(0);
      const zip = join(import.meta.dirname, '..', '..', 'appPackage', 'build', 'samtale.zip');
      const files = unzip(readFileSync(zip));
      expect([...files.keys()].sort()).toEqual([
        'color.png',
        'en.json',
        'manifest.json',
        'nb.json',
        'nn.json',
        'outline.png',
      ]);

      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, unknown> & {
        staticTabs: { name: string; contentUrl: string }[];
        bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
        webApplicationInfo: { id: string; resource: string };
        configurableTabs: {
          configurationUrl: string;
          scopes: string[];
          context: string[];
          meetingSurfaces: string[];
        }[];
        authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
        validDomains: string[];
        id: string;
        localizationInfo: {
          defaultLanguageTag: string;
          defaultLanguageFile: string;
          additionalLanguages: { languageTag: string; file: string }[];
        };
      };
      expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
      // Bokmål by default; nynorsk and English for Teams clients set to them, each file in the zip.
      expect(manifest.localizationInfo).toEqual({
        defaultLanguageTag: 'nb-no',
        defaultLanguageFile: 'nb.json',
        additionalLanguages: [
          { languageTag: 'nn-no', file: 'nn.json' },
          { languageTag: 'en-us', file: 'en.json' },
        ],
      });
      expect(manifest.staticTabs.map((t) => t.name)).toEqual(['Mine samtaler', 'Mitt team', 'HR']);
      expect(manifest.bots[0]).toMatchObject({ botId: ENV.CLIENT_ID, scopes: ['personal'] });
      expect(manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title)).toEqual([
        'hjelp',
        'mine samtaler',
        'oppfølging',
      ]);
      expect(manifest.webApplicationInfo).toEqual({
        id: ENV.CLIENT_ID,
        resource: `api://samtale.fjordvik.kommune.no/${ENV.CLIENT_ID}`,
      });
      expect(manifest.validDomains).toEqual(['samtale.fjordvik.kommune.no']);
      // The meeting tab: configured in the meeting's chat, opened in its side panel and on its stage.
      expect(manifest.configurableTabs).toHaveLength(1);
      expect(manifest.configurableTabs[0]).toMatchObject({
        configurationUrl: 'https://samtale.fjordvik.kommune.no/meeting/config',
        scopes: ['groupChat'],
        meetingSurfaces: ['sidePanel', 'stage'],
      });
      expect(manifest.configurableTabs[0]!.context).toEqual(
        expect.arrayContaining(['meetingSidePanel', 'meetingStage', 'meetingChatTab']),
      );
      expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({
        name: 'MeetingStage.Write.Chat',
        type: 'Delegated',
      });
      const en = JSON.parse(files.get('en.json')!.toString('utf8')) as Record<string, string>;
      expect(en['staticTabs[0].name']).toBe('My conversations');
      const nb = JSON.parse(files.get('nb.json')!.toString('utf8')) as Record<string, string>;
      const nn = JSON.parse(files.get('nn.json')!.toString('utf8')) as Record<string, string>;
      // The nynorsk file localizes the same strings as the others, in nynorsk.
      expect(Object.keys(nn).sort()).toEqual(Object.keys(nb).sort());
      expect(Object.keys(nn).sort()).toEqual(Object.keys(en).sort());
      expect(nn['staticTabs[0].name']).toBe('Samtalane mine');
      expect(nn['staticTabs[1].name']).toBe('Teamet mitt');
      expect(nn['description.short']).toMatch(/samtalar mellom leiarar og medarbeidarar/);
      expect(nn['bots[0].commandLists[0].commands[1].title']).toBe('samtalane mine');
      for (const key of ['name.full', 'description.short', 'description.full'])
        expect(nn[key], key).not.toBe(nb[key]);

      // Offline validation against Microsoft's published schemas (always in CI).
      if (SCHEMAS_PRESENT) {
        // Microsoft's patterns are written for non-unicode regular expressions (an unescaped ']').
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        const validate = ajv.compile(JSON.parse(readFileSync(MANIFEST_SCHEMA, 'utf8')) as object);
        expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
        const localization = ajv.compile(JSON.parse(readFileSync(LOCALIZATION_SCHEMA, 'utf8')) as object);
        for (const f of ['nb.json', 'nn.json', 'en.json'])
          expect(
            localization(JSON.parse(files.get(f)!.toString('utf8'))),
            `${f}: ${JSON.stringify(localization.errors)}`,
          ).toBe(true);
        // The validator itself catches a broken manifest.
        expect(validate({ ...manifest, manifestVersion: '1.0', unknownProperty: true })).toBe(false);
        // …and a meeting tab the schema does not allow (a personal scope, an unknown meeting surface).
        expect(
          validate({
            ...manifest,
            configurableTabs: [{ ...manifest.configurableTabs[0], scopes: ['personal'] }],
          }),
        ).toBe(false);
        expect(
          validate({
            ...manifest,
            configurableTabs: [{ ...manifest.configurableTabs[0], meetingSurfaces: ['sidePanel', 'lobby'] }],
          }),
        ).toBe(false);
      }

      const color = readPng(files.get('color.png')!);
      expect([color.width, color.height, color.colorType]).toEqual([192, 192, 6]);
      for (let y = 0; y < 192; y += 7)
        for (let x = 0; x < 192; x += 7) expect(color.pixels(x, y)[3]).toBe(255);
      const outline = readPng(files.get('outline.png')!);
      expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
      let opaque = 0;
      let transparent = 0;
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          const [r, g, b, a] = outline.pixels(x, y);
          if (a === 0) transparent++;
          if (a! > 0) expect([r, g, b]).toEqual([255, 255, 255]);
          if (a === 255) opaque++;
        }
      }
      expect(outline.pixels(0, 0)[3]).toBe(0);
      expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
      expect(opaque).toBeGreaterThan(20);
    },
  );

  it(
    'takes the SSO resource from APP_ID_URI when set, and its version from package.json',
    { timeout: 60_000 },
    async () => {
      const uri = `api://samtale.example.org/${ENV.CLIENT_ID}`;
      // In m365 mode too, and without the SharePoint settings or the secret the package does not use.
      const r = await cli(['package'], { ...ENV, APP_ID_URI: uri, SAMTALE_MODE: 'm365' });
      expect(r.status, r.stderr).toBe(0);
      const zip = join(import.meta.dirname, '..', '..', 'appPackage', 'build', 'samtale.zip');
      const manifest = JSON.parse(unzip(readFileSync(zip)).get('manifest.json')!.toString('utf8')) as {
        version: string;
        webApplicationInfo: { resource: string };
      };
      expect(manifest.webApplicationInfo.resource).toBe(uri);
      const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(manifest.version).toBe(pkg.version);
    },
  );

  it('names each missing setting, and refuses a tab URL that is not https', async () => {
    const missing = await cli(['package'], { TEAMS_APP_ID: '', CLIENT_ID: '', PUBLIC_URL: '' });
    expect(missing.status).toBe(1);
    for (const key of ['TEAMS_APP_ID', 'CLIENT_ID', 'PUBLIC_URL']) expect(missing.stderr).toContain(key);
    const http = await cli(['package'], { ...ENV, PUBLIC_URL: 'http://samtale.example' });
    expect(http.status).toBe(1);
    expect(http.stderr).toContain('https');
  });
});
