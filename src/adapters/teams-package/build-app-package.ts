// Builds appPackage/build/samtale.zip: the manifest, its localization files (nb, nn, en) and the icons.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { colorIcon, outlineIcon } from './icons.ts';
import { buildManifest, type PackageSettings } from './manifest.ts';
import { createZip } from '../zip.ts';

export function buildAppPackage(settings: PackageSettings, outDir: string): { zip: string; files: string[] } {
  const { manifest, localizations } = buildManifest(settings);
  const json = (v: object) => Buffer.from(JSON.stringify(v, null, 2) + '\n', 'utf8');
  const files = [
    { name: 'manifest.json', data: json(manifest) },
    { name: 'nb.json', data: json(localizations.nb) },
    { name: 'nn.json', data: json(localizations.nn) },
    { name: 'en.json', data: json(localizations.en) },
    { name: 'color.png', data: colorIcon() },
    { name: 'outline.png', data: outlineIcon() },
  ];
  mkdirSync(outDir, { recursive: true });
  // The unpacked files beside the zip, for review and for sideloading tools that want a folder.
  for (const f of files) writeFileSync(join(outDir, f.name), f.data);
  const zip = join(outDir, 'samtale.zip');
  writeFileSync(zip, createZip(files));
  return { zip, files: files.map((f) => f.name) };
}
