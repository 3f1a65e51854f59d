/**
 * The container image, as far as a machine without a container engine can build it: the
 * Dockerfile's own steps performed on plain directories by scripts/build-without-docker.js
 * (this machine's Node and npm stand in for the base image). Then the runtime stage is started
 * with the image's CMD, probed with its HEALTHCHECK, asked a question over HTTP and stopped
 * with SIGTERM, as a container runtime would.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

interface BuiltStage {
  readonly workdir: string;
  readonly env: Record<string, string>;
  readonly user: string;
  readonly cmd: string[];
  readonly healthcheck: { command: string[] };
}

function buildWithoutDocker(out: string): Promise<BuiltStage> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'build-without-docker.js'), '--out', out],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout.trim().split('\n').pop()!) as BuiltStage);
      else reject(new Error(`build-without-docker exited with ${code}:\n${stderr}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

let out: string;
let image: BuiltStage;
let env: NodeJS.ProcessEnv;
let bot: ChildProcess;
let botLog = '';
let url: string;

const healthcheck = () =>
  spawnSync(image.healthcheck.command[0]!, image.healthcheck.command.slice(1), {
    cwd: image.workdir,
    env,
    encoding: 'utf8',
  });

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-bot-image-'));
  image = await buildWithoutDocker(out);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // What `docker run -e PORT=… -e HOST=…` gives the container: the image's ENV and these settings.
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...image.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
  bot = spawn(image.cmd[0]!, image.cmd.slice(1), {
    cwd: image.workdir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bot.stdout!.on('data', (chunk: Buffer) => (botLog += chunk.toString()));
  bot.stderr!.on('data', (chunk: Buffer) => (botLog += chunk.toString()));
}, 900_000);

afterAll(() => {
  if (bot && bot.exitCode === null) bot.kill('SIGKILL');
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe('the container image, built from the Dockerfile on plain directories', () => {
  it('runs as a non-root user with production dependencies only and the build copied from the build stage', () => {
    expect(image.user).toBe('node');
    const modules = path.join(image.workdir, 'node_modules');
    for (const buildOnly of [
      'typescript',
      'tsx',
      'jest',
      'botframework-webchat',
      'pngjs',
      'yazl',
      'azurite',
    ]) {
      expect({ buildOnly, installed: fs.existsSync(path.join(modules, buildOnly)) }).toEqual({
        buildOnly,
        installed: false,
      });
    }
    for (const runtime of ['botbuilder', 'restify', 'kuromoji', 'natural', '@line/bot-sdk']) {
      expect(fs.existsSync(path.join(modules, runtime, 'package.json'))).toBe(true);
    }
    expect(fs.existsSync(path.join(image.workdir, 'dist', 'model.json'))).toBe(true);
    expect(fs.readdirSync(path.join(image.workdir, 'dist', 'webchat'))).toEqual([
      expect.stringMatching(/^webchat-[\d.]+\.js$/),
    ]);
    expect(fs.existsSync(path.join(image.workdir, 'tests'))).toBe(false);
  });

  it('passes its HEALTHCHECK once the bot has loaded, and answers a question over HTTP', async () => {
    const deadline = Date.now() + 60_000;
    let check = healthcheck();
    while (check.status !== 0 && Date.now() < deadline && bot.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      check = healthcheck();
    }
    expect({ status: check.status, output: check.stdout, log: check.status === 0 ? '' : botLog }).toEqual({
      status: 0,
      output: `${url}/healthz: 200\n`,
      log: '',
    });

    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        deliveryMode: 'expectReplies',
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9',
        from: { id: 'user-1' },
        recipient: { id: 'bot' },
        conversation: { id: 'conversation-1' },
        text: 'ワンタイムパスワードはどこに届きますか',
      }),
    });
    expect(response.status).toBe(200);
    const { activities } = (await response.json()) as { activities: { text?: string }[] };
    expect(activities[0]?.text).toContain('SMS');
    expect(botLog).toContain('Model loaded from the build');
  });

  it('serves the chat bubble and Web Chat without the botframework-webchat package', async () => {
    const launcher = await (await fetch(`${url}/webchat/bubble.js`)).text();
    const webChatPath = /\/webchat\/webchat-[\d.]+\.js/.exec(launcher)?.[0];
    expect(webChatPath).toBeDefined();
    const webChat = await fetch(`${url}${webChatPath}`);
    expect(webChat.status).toBe(200);
    expect((await webChat.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
    expect((await fetch(`${url}/`)).status).toBe(200);
  });

  it('runs npm run report there on what the bot recorded', () => {
    const report = spawnSync('npm', ['run', '-s', 'report', '--', '--json'], {
      cwd: image.workdir,
      env,
      encoding: 'utf8',
    });
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const figures = JSON.parse(report.stdout) as { outcomes: { questions: number }; volume: unknown[] };
    expect(figures.outcomes.questions).toBe(1);
    expect(figures.volume).toEqual([expect.objectContaining({ intent: 'otp_delivery', answered: 1 })]);
  });

  it('starts with npm start there too, from the build, without compiling', async () => {
    const port = await freePort();
    const started = spawn('npm', ['start'], {
      cwd: image.workdir,
      env: { ...env, PORT: String(port), ANALYTICS_FILE: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: npm and the node it starts stop together
    });
    const exited = new Promise((resolve) => started.once('exit', resolve));
    let output = '';
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline && started.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (response) => response.status,
          () => 0,
        );
      }
      expect({ status, output: status === 200 ? '' : output }).toEqual({ status: 200, output: '' });
      expect(output).toContain('> node dist/src/index.js');
      expect(output).not.toMatch(/\btsc\b/);
    } finally {
      process.kill(-started.pid!, 'SIGTERM');
      await exited;
    }
  });

  it('stops on SIGTERM, closing the server, with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(botLog).toContain('"message":"Stopping","signal":"SIGTERM"');
  });
});
