/**
 * The Teams app package: manifest.json and the two icons written into the package folder
 * (appPackage/ by default), then zipped, files at the zip's root, into <folder>/build/.
 * Entries carry a fixed date, so the same settings give the same zip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import type { TeamsPackageSettings } from '../../../config';
import { buildManifest, type Manifest, readManifestTemplate, TeamsPackageError } from './app-manifest';
import { colorIcon, outlineIcon } from './app-icons';

export const ZIP_NAME = 'faq-bot-teams.zip';
/** The date every zip entry carries: a DOS date in local time, the same wherever it is built. */
const ENTRY_DATE = new Date(2026, 0, 1);

export interface TeamsAppPackage {
  readonly manifest: Manifest;
  /** The files written into the package folder, in zip order. */
  readonly files: readonly string[];
  readonly zipPath: string;
}

export interface PackageOptions {
  /** appPackage/manifest.template.json. */
  readonly templatePath: string;
  /** Where manifest.json and the icons are written; the zip goes to its build/ folder. */
  readonly packageDir: string;
  /** The app's version (semver), e.g. package.json's. */
  readonly appVersion: string;
}

function zip(entries: readonly (readonly [string, Buffer])[], zipPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const zipFile = new ZipFile();
    for (const [name, content] of entries)
      zipFile.addBuffer(content, name, {
        mtime: ENTRY_DATE,
        mode: 0o100644,
        forceDosTimestamp: true,
      });
    zipFile.end();
    const output = fs.createWriteStream(zipPath);
    output.on('close', resolve);
    output.on('error', reject);
    zipFile.outputStream.on('error', reject).pipe(output);
  });
}

export async function buildTeamsAppPackage(
  settings: TeamsPackageSettings,
  options: PackageOptions,
): Promise<TeamsAppPackage> {
  const manifest = buildManifest(
    readManifestTemplate(options.templatePath),
    settings,
    options.appVersion,
    options.templatePath,
  );
  const icons = manifest.icons as { color?: unknown; outline?: unknown } | undefined;
  if (
    typeof icons?.color !== 'string' ||
    typeof icons.outline !== 'string' ||
    typeof manifest.accentColor !== 'string'
  ) {
    throw new TeamsPackageError(options.templatePath, 'expected icons.color, icons.outline and accentColor');
  }
  const entries: [string, Buffer][] = [
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')],
    [icons.color, colorIcon(manifest.accentColor)],
    [icons.outline, outlineIcon()],
  ];

  fs.mkdirSync(path.join(options.packageDir, 'build'), { recursive: true });
  for (const [name, content] of entries) fs.writeFileSync(path.join(options.packageDir, name), content);
  const zipPath = path.join(options.packageDir, 'build', ZIP_NAME);
  await zip(entries, zipPath);
  return { manifest, files: entries.map(([name]) => name), zipPath };
}
