/**
 * npm run teams:package                 builds appPackage/build/faq-bot-teams.zip for Teams
 * npm run teams:package -- --dir <dir>  writes manifest.json, the icons and build/ into <dir>
 *
 * Needs MicrosoftAppId (the Azure Bot's app id); the TEAMS_* settings fill in the publisher.
 * Settings come from the environment or .env, like the server's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildTeamsAppPackage } from '../channels/teams/package/app-package';
import { ConfigError, loadTeamsPackageSettings, readEnvironment, TEAMS_PLACEHOLDER_URL } from '../config';
import { projectRoot } from '../nlu';

function appVersion(root: string): string {
  return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
}

async function main(): Promise<void> {
  const root = projectRoot();
  const { values } = parseArgs({
    options: { dir: { type: 'string', default: path.join(root, 'appPackage') } },
  });
  const settings = loadTeamsPackageSettings(readEnvironment());
  const built = await buildTeamsAppPackage(settings, {
    templatePath: path.join(root, 'appPackage', 'manifest.template.json'),
    packageDir: path.resolve(values.dir),
    appVersion: appVersion(root),
  });
  const relative = path.relative(process.cwd(), built.zipPath);
  const where = relative.startsWith('..') ? built.zipPath : relative;
  process.stdout.write(
    `Teams app package: ${where}\n` +
      `  ${built.files.join(', ')}; manifest ${String(built.manifest.manifestVersion)}, ` +
      `app version ${String(built.manifest.version)}, bot ${settings.appId}\n`,
  );
  if (settings.placeholders.length) {
    process.stderr.write(
      `Note: ${settings.placeholders.join(', ')} not set; the manifest links the placeholder ` +
        `${TEAMS_PLACEHOLDER_URL}. Set them before publishing the app to your organization.\n`,
    );
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`teams:package failed: ${message}\n`);
  if (error instanceof ConfigError && error.setting === 'MicrosoftAppId') {
    process.stderr.write('Set MicrosoftAppId to the app id of your Azure Bot (see README, "Teams").\n');
  }
  process.exitCode = 1;
});
