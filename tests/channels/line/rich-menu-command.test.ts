/**
 * npm run line:rich-menu, run as a person runs it (tsx, in another process, from another
 * folder so that no .env is read), against the stand-in for LINE named in LINE_API_BASE_URL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRichMenu, RICH_MENU_IMAGE_FILE, RICH_MENU_NAME } from '../../../src/channels/line/rich-menu';
import { loadKnowledgeBase, projectRoot } from '../../../src/nlu';
import { type FakeLineApi, startFakeLineApi } from './fake-line-api';

jest.setTimeout(60_000);

const root = projectRoot();
const TOKEN = 'rich-menu-test-token-5f2b';
const image = fs.readFileSync(path.join(root, RICH_MENU_IMAGE_FILE));
const menu = loadRichMenu(loadKnowledgeBase());

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCommand(env: Record<string, string>): Promise<Run> {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(root, 'src', 'cli', 'line-rich-menu.ts')], {
    cwd: os.tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let fake: FakeLineApi;
beforeEach(async () => {
  fake = await startFakeLineApi();
});
afterEach(() => fake.close());

const runAgainstFake = () => runCommand({ LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_API_BASE_URL: fake.url });
const calls = () => fake.requests.map((request) => `${request.method} ${request.path}`);

describe('npm run line:rich-menu', () => {
  it('creates the menu of the main topics, uploads its image, makes it the default, with the channel token', async () => {
    const run = await runAgainstFake();
    expect(run).toEqual(expect.objectContaining({ code: 0, stderr: '' }));
    const [id] = [...fake.richMenus.keys()];
    expect(calls()).toEqual([
      'GET /v2/bot/richmenu/list',
      'POST /v2/bot/richmenu',
      `POST /v2/bot/richmenu/${id}/content`,
      `POST /v2/bot/user/all/richmenu/${id}`,
    ]);
    for (const request of fake.requests) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const created = fake.requests[1]!.body;
    expect(created).toEqual({
      size: { width: 2500, height: 843 },
      selected: true,
      name: RICH_MENU_NAME,
      chatBarText: 'よくあるご質問',
      areas: menu.tiles.map((tile) => ({
        bounds: tile.bounds,
        action: { type: 'message', label: tile.label, text: tile.question },
      })),
    });
    expect(created.areas).toContainEqual({
      bounds: expect.anything(),
      action: {
        type: 'message',
        label: '今まで使えたカードがエラーになる',
        text: '今まで使えていたカードがエラーになるのはなぜですか',
      },
    });
    const upload = fake.requests[2]!;
    expect(upload.headers['content-type']).toBe('image/png');
    expect(upload.raw.equals(image)).toBe(true);
    expect(fake.defaultRichMenuId).toBe(id);
    expect(run.stdout).toContain(`Created rich menu ${id}`);
    expect(run.stdout).toContain('Set it as the default rich menu');
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
  });

  it('leaves one menu when run twice: the new one is the default, the earlier one deleted, others kept', async () => {
    fake.richMenus.set('richmenu-someone-else', {
      richMenuId: 'richmenu-someone-else',
      menu: { richMenuId: 'richmenu-someone-else', name: 'campaign menu' },
    });
    expect((await runAgainstFake()).code).toBe(0);
    const [first] = [...fake.richMenus.keys()].filter((id) => id !== 'richmenu-someone-else');
    const second = await runAgainstFake();
    expect(second.code).toBe(0);
    const ours = [...fake.richMenus.values()].filter((kept) => kept.menu.name === RICH_MENU_NAME);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.richMenuId).not.toBe(first);
    expect(fake.defaultRichMenuId).toBe(ours[0]!.richMenuId);
    expect(fake.richMenus.has('richmenu-someone-else')).toBe(true);
    expect(calls().at(-1)).toBe(`DELETE /v2/bot/richmenu/${first}`);
    expect(second.stdout).toContain(`Deleted the earlier rich menu ${first}`);
  });

  it('stops with LINE’s status and message when LINE refuses the menu, never showing the token', async () => {
    fake.answer = (request) =>
      request.method === 'POST' && request.path === '/v2/bot/richmenu'
        ? { status: 400, message: 'The request body has 1 error(s)' }
        : {};
    const run = await runAgainstFake();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('LINE refused to create the rich menu: 400 The request body has 1 error(s)');
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
    expect(fake.richMenus.size).toBe(0);
  });

  it('deletes a menu whose image LINE refused, and keeps the earlier default', async () => {
    expect((await runAgainstFake()).code).toBe(0);
    const earlier = fake.defaultRichMenuId;
    fake.answer = (request) =>
      request.path.endsWith('/content') ? { status: 413, message: 'Payload Too Large' } : {};
    const run = await runAgainstFake();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('LINE refused to upload the rich menu image: 413 Payload Too Large');
    expect(run.stdout).toMatch(/Deleted the unfinished rich menu richmenu-/);
    expect([...fake.richMenus.keys()]).toEqual([earlier]);
    expect(fake.defaultRichMenuId).toBe(earlier);
  });

  it('names the missing token, and calls nobody', async () => {
    const run = await runCommand({ LINE_API_BASE_URL: fake.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('LINE_CHANNEL_ACCESS_TOKEN');
    expect(fake.requests).toHaveLength(0);
  });
});
