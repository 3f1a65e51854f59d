/**
 * manifest.json for the Teams app, from appPackage/manifest.template.json: the `{{name}}`
 * placeholders in its strings are filled from the settings, and validDomains gets the bot's
 * host. The template holds everything else (names, descriptions, scopes, commands).
 */
import fs from 'node:fs';
import type { TeamsPackageSettings } from '../../../config';

export type Manifest = Record<string, unknown>;

export class TeamsPackageError extends Error {
  constructor(where: string, problem: string) {
    super(`Error in ${where}: ${problem}`);
    this.name = 'TeamsPackageError';
  }
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function fill(node: unknown, values: Readonly<Record<string, string>>, where: string): unknown {
  if (typeof node === 'string') {
    return node.replace(PLACEHOLDER, function placeholder(_match, name: string) {
      const value = values[name];
      if (value === undefined) {
        throw new TeamsPackageError(
          where,
          `no value for {{${name}}}; known: ${Object.keys(values).join(', ')}`,
        );
      }
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values, where));
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, values, where)]));
  }
  return node;
}

export function readManifestTemplate(file: string): Manifest {
  let template: unknown;
  try {
    template = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TeamsPackageError(file, `expected readable JSON (${(error as Error).message})`);
  }
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new TeamsPackageError(file, 'expected a JSON object');
  }
  return template as Manifest;
}

/** The manifest for these settings; `appVersion` is the app's semver (package.json's version). */
export function buildManifest(
  template: Manifest,
  settings: TeamsPackageSettings,
  appVersion: string,
  where = 'the manifest template',
): Manifest {
  const values = {
    appId: settings.appId,
    version: appVersion,
    developerName: settings.developerName,
    websiteUrl: settings.websiteUrl,
    privacyUrl: settings.privacyUrl,
    termsOfUseUrl: settings.termsOfUseUrl,
  };
  const manifest = fill(template, values, where) as Manifest;
  return { ...manifest, validDomains: settings.botDomain ? [settings.botDomain] : [] };
}
