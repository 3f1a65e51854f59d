import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import yauzl from 'yauzl';
import { buildTeamsAppPackage, type TeamsAppPackage } from '../../../src/channels/teams/package/app-package';
import { SEARCH_PARAMETER } from '../../../src/channels/teams/search-extension';
import { matchCommand } from '../../../src/channels/teams/teams-commands';
import { loadTeamsPackageSettings, type TeamsPackageSettings } from '../../../src/config';
import { projectRoot } from '../../../src/nlu';

const root = projectRoot();
const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const appVersion = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
).version;

/** Every entry of a zip file, by name. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The published Teams manifest schema of the manifest's version, from @microsoft/app-manifest (offline). */
function manifestSchemaErrors(manifest: Record<string, unknown>): string[] {
  const schemaFile = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.schema.json`,
  );
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  return validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function packageSettings(env: Record<string, string> = {}): TeamsPackageSettings {
  return loadTeamsPackageSettings({
    MicrosoftAppId: APP_ID,
    TEAMS_BOT_DOMAIN: 'faq-bot.example.co.jp',
    ...env,
  });
}

describe('the Teams app package', () => {
  let dir: string;
  let built: TeamsAppPackage;
  let zip: Map<string, Buffer>;
  let manifest: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
    built = await buildTeamsAppPackage(
      packageSettings({
        TEAMS_WEBSITE_URL: 'https://support.example.co.jp/',
        TEAMS_DEVELOPER_NAME: 'サポートセンター',
      }),
      { templatePath: path.join(root, 'appPackage', 'manifest.template.json'), packageDir: dir, appVersion },
    );
    zip = await readZip(built.zipPath);
    manifest = JSON.parse(zip.get('manifest.json')?.toString('utf8') ?? '{}');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('zips manifest.json and the two icons at the root of build/faq-bot-teams.zip', () => {
    expect(built.zipPath).toBe(path.join(dir, 'build', 'faq-bot-teams.zip'));
    expect([...zip.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect([manifest.icons.color, manifest.icons.outline].sort()).toEqual(['color.png', 'outline.png']);
    for (const name of zip.keys()) expect(fs.readFileSync(path.join(dir, name))).toEqual(zip.get(name));
  });

  it('names the bot by its MicrosoftAppId, with the app version and a current manifest schema', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.version).toBe(appVersion);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('installs in personal chat, teams and group chats, with commands the bot understands', () => {
    expect([...manifest.bots[0].scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const commands = manifest.bots[0].commandLists.flatMap(
      (list: { commands: { title: string }[] }) => list.commands,
    );
    expect(commands.map((command: { title: string }) => matchCommand(command.title)).sort()).toEqual([
      'help',
      'list',
    ]);
  });

  it('offers the FAQ search in the compose box: one query command, run when opened, with the parameter the bot reads', () => {
    expect(manifest.composeExtensions).toHaveLength(1);
    const [extension] = manifest.composeExtensions;
    expect(extension.botId).toBe(APP_ID);
    expect(extension.commands).toHaveLength(1);
    const [command] = extension.commands;
    expect(command).toMatchObject({ type: 'query', title: 'FAQを検索', initialRun: true });
    expect(command.context).toContain('compose');
    expect(command.description).toMatch(/検索/);
    expect(command.parameters).toHaveLength(1);
    expect(command.parameters[0]).toMatchObject({ name: SEARCH_PARAMETER, inputType: 'text' });
    expect(command.parameters[0].title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('fills the publisher and the bot domain from the settings', () => {
    expect(manifest.developer).toEqual({
      name: 'サポートセンター',
      websiteUrl: 'https://support.example.co.jp/',
      privacyUrl: 'https://support.example.co.jp/',
      termsOfUseUrl: 'https://support.example.co.jp/',
    });
    expect(manifest.validDomains).toEqual(['faq-bot.example.co.jp']);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{\w+\}\}/);
  });

  it('passes the published manifest schema of its version', () => {
    expect(manifestSchemaErrors(manifest)).toEqual([]);
    expect(manifestSchemaErrors({ ...manifest, id: 'not-a-guid' })).not.toEqual([]);
  });

  it('has a 192×192 opaque colour icon', () => {
    const color = PNG.sync.read(zip.get('color.png') as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.alpha).toBe(false);
    const pixels = new Set<string>();
    for (let i = 0; i < color.data.length; i += 4) pixels.add(color.data.subarray(i, i + 3).join(','));
    expect(pixels.size).toBeGreaterThan(2);
  });

  it('has a 32×32 outline icon: white lines on a transparent background', () => {
    const outline = PNG.sync.read(zip.get('outline.png') as Buffer);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.alpha).toBe(true);
    let transparent = 0;
    let opaqueWhite = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 255) opaqueWhite++;
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(opaqueWhite).toBeGreaterThan(32 * 2);
  });

  it('builds the same zip again from the same settings', async () => {
    const before = fs.readFileSync(built.zipPath);
    const again = await buildTeamsAppPackage(
      packageSettings({
        TEAMS_WEBSITE_URL: 'https://support.example.co.jp/',
        TEAMS_DEVELOPER_NAME: 'サポートセンター',
      }),
      { templatePath: path.join(root, 'appPackage', 'manifest.template.json'), packageDir: dir, appVersion },
    );
    expect(fs.readFileSync(again.zipPath)).toEqual(before);
  });
});

describe('Teams package settings', () => {
  it('needs only MicrosoftAppId, not the password, and reports the placeholder URLs', () => {
    const settings = loadTeamsPackageSettings({ MicrosoftAppId: APP_ID });
    expect(settings.appId).toBe(APP_ID);
    expect(settings.botDomain).toBe('');
    expect(settings.websiteUrl).toBe('https://example.com/');
    expect(settings.placeholders).toEqual(['TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']);
  });

  it('uses the website for privacy and terms unless they are set', () => {
    const settings = loadTeamsPackageSettings({
      MicrosoftAppId: APP_ID,
      TEAMS_WEBSITE_URL: 'https://support.example.co.jp/',
      TEAMS_TERMS_URL: 'https://support.example.co.jp/terms',
    });
    expect(settings.privacyUrl).toBe('https://support.example.co.jp/');
    expect(settings.termsOfUseUrl).toBe('https://support.example.co.jp/terms');
    expect(settings.placeholders).toEqual([]);
  });

  it.each([
    [{}, 'MicrosoftAppId'],
    [{ MicrosoftAppId: 'faq-bot' }, 'MicrosoftAppId'],
    [
      { MicrosoftAppId: APP_ID, TEAMS_BOT_DOMAIN: 'https://faq-bot.example.co.jp/api/messages' },
      'TEAMS_BOT_DOMAIN',
    ],
    [{ MicrosoftAppId: APP_ID, TEAMS_WEBSITE_URL: 'http://support.example.co.jp/' }, 'TEAMS_WEBSITE_URL'],
    [{ MicrosoftAppId: APP_ID, TEAMS_PRIVACY_URL: 'privacy' }, 'TEAMS_PRIVACY_URL'],
    [{ MicrosoftAppId: APP_ID, TEAMS_DEVELOPER_NAME: 'あ'.repeat(33) }, 'TEAMS_DEVELOPER_NAME'],
  ])('refuses %j and names %s', (env, setting) => {
    expect(() => loadTeamsPackageSettings(env)).toThrow(`Invalid setting ${setting}`);
  });
});

describe('npm run teams:package', () => {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  let cwd: string;
  beforeAll(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-cli-'));
  });
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  function run(env: Record<string, string>, args: string[] = []) {
    const result = spawnSync(tsx, [path.join(root, 'src', 'cli', 'teams-package.ts'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('refuses to build without MicrosoftAppId and says which setting is missing', () => {
    const { status, stderr } = run({}, ['--dir', path.join(cwd, 'no-app-id')]);
    expect(status).toBe(1);
    expect(stderr).toContain('MicrosoftAppId');
    expect(fs.existsSync(path.join(cwd, 'no-app-id'))).toBe(false);
  });

  it('builds the zip and warns that the publisher URLs are placeholders', () => {
    const { status, stdout, stderr } = run({ MicrosoftAppId: APP_ID }, ['--dir', path.join(cwd, 'app')]);
    expect(status).toBe(0);
    expect(stdout).toContain(path.join('app', 'build', 'faq-bot-teams.zip'));
    expect(stderr).toContain('TEAMS_WEBSITE_URL');
    expect(fs.existsSync(path.join(cwd, 'app', 'build', 'faq-bot-teams.zip'))).toBe(true);
  });
});
