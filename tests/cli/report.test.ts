import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/nlu';

const root = projectRoot();
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const sampleFile = path.join(root, 'tests', 'fixtures', 'analytics-sample.jsonl');
let workDir: string;

/** Runs `npm run report` as the site team would, from `cwd` (a folder of its own by default). */
function report(args: string[], cwd: string = workDir) {
  const result = spawnSync(tsx, [path.join(root, 'src', 'cli', 'report.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-report-'));
});

afterEach(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('npm run report', () => {
  it('prints what the bot could not answer, for a person', () => {
    const { status, stdout } = report([sampleFile]);
    expect(status).toBe(0);
    for (const heading of [
      '■ 質問数（意図別）',
      '■ お答えできなかった割合',
      '■ お答えできなかった質問（似た言い回しごと）',
      '■ 役に立たなかった回答（意図別）',
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toMatch(/otp_delivery +7 +1 +8 +ワンタイムパスワードの受け取り方法/);
    expect(stdout).toContain('49.0%  （25 / 質問 51 件）');
    expect(stdout).toMatch(/ 9 件 +「領収書がほしい」/);
    expect(stdout).toContain('主な語: 領収書\n');
    expect(stdout).not.toContain('主な語: 天気');
    expect(stdout).toMatch(/payment_retry +2 \/ +2 +100\.0% +決済エラーが出た後のお支払い方法/);
    expect(stdout).toContain('最後の行は書き込み途中のため読み飛ばしました');
  });

  it('writes the same figures as JSON with --json, with each intent’s answer title', () => {
    const { status, stdout } = report([sampleFile, '--json']);
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.outcomes).toMatchObject({ questions: 51, unanswered: 25 });
    expect(json.outcomes.fallbackRate).toBeCloseTo(25 / 51);
    expect(json.volume[0]).toEqual({
      intent: 'otp_delivery',
      title: 'ワンタイムパスワードの受け取り方法',
      answered: 7,
      picked: 1,
      total: 8,
    });
    expect(json.unanswered.groups[0]).toMatchObject({ count: 9, representative: '領収書がほしい' });
    expect(json.feedback[0]).toMatchObject({ intent: 'payment_retry', notHelpful: 2, total: 2, share: 1 });
  });

  it('reports one channel from a day on with --channel and --since', () => {
    const all = JSON.parse(report([sampleFile, '--json']).stdout);
    const { status, stdout } = report([sampleFile, '--json', '--since', '2026-11-02', '--channel', 'line']);
    expect(status).toBe(0);
    const filtered = JSON.parse(stdout);
    expect(filtered.filter).toEqual({ from: '2026-11-01T15:00:00.000Z', channel: 'line' });
    expect(filtered.events).toBeGreaterThan(0);
    expect(filtered.events).toBeLessThan(all.events);
  });

  it('reads logs/analytics.jsonl in the working folder when no file is named', () => {
    fs.mkdirSync(path.join(workDir, 'logs'));
    fs.copyFileSync(sampleFile, path.join(workDir, 'logs', 'analytics.jsonl'));
    const { status, stdout } = report([]);
    expect(status).toBe(0);
    expect(stdout).toContain('利用レポート: logs/analytics.jsonl');
    expect(stdout).toContain('49.0%');
  });

  it('says which file is missing and that the bot writes it', () => {
    const { status, stdout, stderr } = report([]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('No analytics file at logs/analytics.jsonl');
    expect(stderr).toContain('The bot writes it as it answers questions');
  });

  it('prints a report of zeros for an empty file', () => {
    const empty = path.join(workDir, 'analytics.jsonl');
    fs.writeFileSync(empty, '');
    const { status, stdout } = report([empty]);
    expect(status).toBe(0);
    expect(stdout).toContain('0.0%  （0 / 質問 0 件）');
    expect(stdout).toContain('（まだありません）');
    expect(stdout).toContain('（評価はまだありません）');
  });

  it.each([
    [
      'a day written with slashes',
      [sampleFile, '--since', '2026/11/01'],
      '--since: expected a date like 2026-11-01',
    ],
    [
      'a day that is not a date',
      [sampleFile, '--until', 'tomorrow'],
      '--until: expected a date like 2026-11-01',
    ],
    ['a misspelt option', [sampleFile, '--sinse', '2026-11-01'], "Unknown option '--sinse'"],
    ['two files', ['a.jsonl', 'b.jsonl'], 'expected one analytics file, got 2'],
  ])('refuses %s, with the usage', (_name, args, problem) => {
    const { status, stderr } = report(args);
    expect(status).toBe(2);
    expect(stderr).toContain(problem);
    expect(stderr).toContain('usage: npm run report');
  });
});
