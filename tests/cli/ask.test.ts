import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/nlu';

const root = projectRoot();
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function ask(args: string[], input?: string) {
  const result = spawnSync(tsx, [path.join(root, 'src', 'cli', 'ask.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run ask', () => {
  it('prints the answer for a person', () => {
    const { status, stdout } = ask(['ワンタイムパスワードはどこに届きますか']);
    expect(status).toBe(0);
    expect(stdout).toContain('SMS');
    expect(stdout).toContain('intent: otp_delivery');
  });

  it('answers one JSON object per input line with --jsonl', () => {
    const input = [
      '楽天カードのワンタイムパスワードが届かない',
      '明日の天気は？',
      '',
      '4111 1111 1111 1111 が使えない',
    ].join('\n');
    const { status, stdout } = ask(['--jsonl'], `${input}\n`);
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    for (const line of lines)
      expect(Object.keys(line)).toEqual(['text', 'intent', 'confidence', 'issuer', 'answer']);

    expect(lines[0]).toMatchObject({ intent: 'otp_delivery', issuer: 'rakuten' });
    expect(lines[0].answer).toContain('https://www.rakuten-card.co.jp/security/3d-secure/');
    expect(lines[1]).toMatchObject({ text: '明日の天気は？', intent: 'none', issuer: null });
    expect(lines[2].intent).toBe('help');
    expect(lines[3].answer).toContain('カード番号はチャットに入力しないでください');
    expect(stdout).not.toContain('4111');
  });
});
