// npm runs this after `npm install` and `npm ci` in this folder (the `prepare` script).
// With dev dependencies (a developer, CI, the image's build stage) it builds: TypeScript, the
// trained model and the Web Chat bundle, into dist/. Without them (`npm ci --omit=dev`, a
// production install) there is nothing to build with: it keeps the build already in dist/,
// and stops the install if there is none, since `npm start` runs dist/ and never compiles.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function hasTypeScript() {
  try {
    require.resolve('typescript/package.json', { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

function main() {
  if (hasTypeScript()) {
    const npm = process.env.npm_execpath;
    const build = npm
      ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
      : spawnSync('npm', ['run', 'build'], {
          cwd: root,
          stdio: 'inherit',
          shell: process.platform === 'win32',
        });
    return build.status ?? 1;
  }
  if (fs.existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
    process.stdout.write(
      'Production install (no dev dependencies): npm start runs the build already in dist/.\n',
    );
    return 0;
  }
  process.stderr.write(
    'No build in dist/, and no dev dependencies to make one (a production install, --omit=dev).\n' +
      'Build first where dev dependencies are installed (npm ci && npm run build), then run npm ci --omit=dev on that tree.\n',
  );
  return 1;
}

process.exitCode = main();
