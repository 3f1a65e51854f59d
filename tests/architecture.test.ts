import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/nlu';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the code layout', () => {
  it('keeps the FAQ engine free of bot, HTTP and channel libraries', () => {
    const offenders = sourceFiles(path.join(projectRoot(), 'src', 'nlu')).filter((file) =>
      /from '(botbuilder[^']*|restify[^']*|@line\/bot-sdk)'/.test(fs.readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in src/config.ts', () => {
    const readers = sourceFiles(path.join(projectRoot(), 'src')).filter((file) =>
      fs.readFileSync(file, 'utf8').includes('process.env'),
    );
    expect(readers.map((file) => path.relative(projectRoot(), file))).toEqual(['src/config.ts']);
  });

  it('documents every setting config.ts reads in .env.example', () => {
    const config = fs.readFileSync(path.join(projectRoot(), 'src', 'config.ts'), 'utf8');
    const example = fs.readFileSync(path.join(projectRoot(), '.env.example'), 'utf8');
    const settings = new Set(
      [...config.matchAll(/env\.(\w+)|env, '(\w+)'/g)].map((match) => match[1] ?? match[2]),
    );
    expect(settings.size).toBeGreaterThanOrEqual(8);
    for (const setting of settings) expect(example).toMatch(new RegExp(`^${setting}=`, 'm'));
  });
});
