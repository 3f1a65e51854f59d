/**
 * scripts/prepare.js, which npm runs after `npm install` and `npm ci`: a production install
 * (no TypeScript) keeps the build in dist/, and refuses to finish without one, since
 * `npm start` runs dist/ and never compiles. (With dev dependencies it builds: every npm ci.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

function productionTree(withBuild: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-bot-prepare-'));
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(root, 'scripts', 'prepare.js'), path.join(dir, 'scripts', 'prepare.js'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"production-tree","private":true}');
  if (withBuild) {
    fs.mkdirSync(path.join(dir, 'dist', 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'src', 'index.js'), '');
  }
  return dir;
}

const prepare = (dir: string) =>
  spawnSync(process.execPath, [path.join(dir, 'scripts', 'prepare.js')], { cwd: dir, encoding: 'utf8' });

describe('npm install without dev dependencies (prepare)', () => {
  it('keeps the build already in dist/', () => {
    const dir = productionTree(true);
    try {
      const result = prepare(dir);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('npm start runs the build already in dist/');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the install when there is no build, saying to build where dev dependencies are installed', () => {
    const dir = productionTree(false);
    try {
      const result = prepare(dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('npm ci && npm run build');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
