/**
 * Web Chat's browser bundle, which the bot serves at /webchat/webchat-<version>.js. The
 * botframework-webchat package is a dev dependency (hundreds of MB of React for one file):
 * `npm run build` copies its bundle into dist/webchat/, and a production install serves that
 * copy. A tree that has not been built (tests running the TypeScript) serves it from the package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../nlu';

export interface WebChatBundle {
  readonly file: string;
  readonly version: string;
}

export class WebChatBundleError extends Error {
  constructor(problem: string) {
    super(`Error at the Web Chat bundle: ${problem}`);
    this.name = 'WebChatBundleError';
  }
}

const COPIED_NAME = /^webchat-(\d[\w.+-]*)\.js$/;

/** Where `npm run build` puts the copy. */
export function builtWebChatDir(root: string = projectRoot()): string {
  return path.join(root, 'dist', 'webchat');
}

function copiedBundle(dir: string): WebChatBundle | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const names = fs.readdirSync(dir).filter((name) => COPIED_NAME.test(name));
  if (names.length !== 1) return undefined;
  return { file: path.join(dir, names[0]!), version: COPIED_NAME.exec(names[0]!)![1]! };
}

/** The bundle inside the installed botframework-webchat package, if it is installed. */
export function packagedWebChatBundle(): WebChatBundle | undefined {
  let entry: string;
  try {
    entry = require.resolve('botframework-webchat');
  } catch {
    return undefined;
  }
  // The package exports no package.json: find it above the entry point.
  let folder = path.dirname(entry);
  while (!fs.existsSync(path.join(folder, 'package.json'))) folder = path.dirname(folder);
  const { version } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { file: path.join(folder, 'dist', 'webchat.js'), version };
}

/** The bundle to serve: the build's copy, else the package's. */
export function webChatBundle(root: string = projectRoot()): WebChatBundle {
  const bundle = copiedBundle(builtWebChatDir(root)) ?? packagedWebChatBundle();
  if (!bundle) {
    throw new WebChatBundleError(
      `expected a copy in ${builtWebChatDir(root)} (made by npm run build) or the botframework-webchat package`,
    );
  }
  return bundle;
}

/** Part of the build: replaces dist/webchat/ with a copy of the package's bundle. */
export function copyWebChatBundle(root: string = projectRoot()): WebChatBundle {
  const source = packagedWebChatBundle();
  if (!source) {
    throw new WebChatBundleError('expected the botframework-webchat package (a dev dependency: run npm ci)');
  }
  const dir = builtWebChatDir(root);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `webchat-${source.version}.js`);
  fs.copyFileSync(source.file, file);
  return { file, version: source.version };
}
