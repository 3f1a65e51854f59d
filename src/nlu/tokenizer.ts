/**
 * The one place that knows kuromoji: its callback API and snake_case fields stop here.
 * The dictionary is resolved from the installed package and loaded once, asynchronously.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type kuromoji from 'kuromoji';
// kuromoji's own loader and tokenizer classes; the loader's loadArrayBuffer is its extension point
// (kuromoji ships a Node and a browser implementation of it).
import DictionaryLoader from 'kuromoji/src/loader/DictionaryLoader';
import KuromojiTokenizer from 'kuromoji/src/Tokenizer';

type KuromojiWords = DictionaryLoader['dic']['token_info_dictionary'];

export interface Token {
  /** Text as written. */
  readonly surface: string;
  /** Dictionary form (見出し語), or the surface for unknown words. */
  readonly baseForm: string;
  /** Reading in hiragana, or the surface (kana-folded) for unknown words. */
  readonly reading: string;
  /** Part of speech, e.g. 名詞, 動詞, 助詞. */
  readonly partOfSpeech: string;
  /** First sub-category of the part of speech, e.g. 非自立, 代名詞, 数. */
  readonly posDetail: string;
  readonly known: boolean;
}

export interface Tokenizer {
  tokenize(text: string): Token[];
}

export class TokenizerLoadError extends Error {
  constructor(dicPath: string, cause: unknown) {
    super(`Error at loadTokenizer: could not load the kuromoji dictionary from ${dicPath}`, { cause });
    this.name = 'TokenizerLoadError';
  }
}

export function defaultDictionaryPath(): string {
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** Katakana (ァ..ヶ) to hiragana; everything else unchanged. */
export function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

const VOWEL_ROWS: readonly [string, string][] = [
  ['あかさたなはまやらわがざだばぱぁゃゎゕ', 'あ'],
  ['いきしちにひみりゐぎじぢびぴぃ', 'い'],
  ['うくすつぬふむゆるぐずづぶぷぅゅっゔ', 'う'],
  ['えけせてねへめれゑげぜでべぺぇゖ', 'え'],
  ['おこそとのほもよろをごぞどぼぽぉょ', 'お'],
];
const VOWEL_OF = new Map(VOWEL_ROWS.flatMap(([row, vowel]) => [...row].map((kana) => [kana, vowel])));

/**
 * A reading-folded view for comparing spellings: katakana as hiragana, and a long-vowel mark as
 * the vowel it lengthens (カード, かーど and the romaji "kaado" all become かあど).
 */
export function foldKana(text: string): string {
  const hiragana = toHiragana(text);
  if (!hiragana.includes('ー')) return hiragana;
  let folded = '';
  for (const ch of hiragana) folded += ch === 'ー' ? (VOWEL_OF.get(folded.at(-1) ?? '') ?? ch) : ch;
  return folded;
}

/** kuromoji throws on NUL and on unpaired surrogates; they carry no meaning, so they become spaces. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNTOKENIZABLE = /[\u0000\p{Cs}]/gu;

function toToken(raw: kuromoji.IpadicFeatures): Token {
  const known = raw.word_type === 'KNOWN';
  const baseForm = raw.basic_form && raw.basic_form !== '*' ? raw.basic_form : raw.surface_form;
  const reading = raw.reading && raw.reading !== '*' ? raw.reading : raw.surface_form;
  return {
    surface: raw.surface_form,
    baseForm,
    reading: toHiragana(reading),
    partOfSpeech: raw.pos,
    posDetail: raw.pos_detail_1,
    known,
  };
}

type LoadCallback = (error: Error | null, buffer?: ArrayBuffer) => void;

/**
 * The dictionary files are read and inflated on a worker thread, each straight into a buffer of
 * its final size (the size is in the gzip trailer), and handed over without a copy. Done on the
 * main thread, every step of a read waited for whatever the main thread was doing, and while the
 * bot starts that is loading botbuilder and restify: the dictionary only began to load once they
 * were loaded. On a worker it is ready by then (BENCHMARKS.md, "Cold start and memory").
 * The worker's code is these few lines of plain JavaScript, given as text, so it runs the same
 * from the build and from the tests' TypeScript.
 */
const INFLATE_ON_WORKER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
parentPort.on('message', (file) => {
  const fail = (error) => parentPort.postMessage({ file, error: String(error.message) });
  fs.readFile(file, (readError, gzipped) => {
    if (readError) return fail(readError);
    const inflatedSize = gzipped.readUInt32LE(gzipped.length - 4);
    zlib.gunzip(gzipped, { chunkSize: Math.max(inflatedSize, 64 * 1024) }, (error, data) => {
      if (error) return fail(error);
      const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
      const buffer = whole ? data.buffer : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
      parentPort.postMessage({ file, buffer }, [buffer]);
    });
  });
});`;

interface Inflated {
  readonly file: string;
  readonly buffer?: ArrayBuffer;
  readonly error?: string;
}

/** kuromoji's loadArrayBuffer, served by a worker thread; `stop` ends the worker. */
function dictionaryFileReader(): { read(file: string, callback: LoadCallback): void; stop(): void } {
  const worker = new Worker(INFLATE_ON_WORKER, { eval: true });
  worker.unref();
  const waiting = new Map<string, LoadCallback>();
  worker.on('message', ({ file, buffer, error }: Inflated) => {
    const callback = waiting.get(file);
    waiting.delete(file);
    callback?.(error === undefined ? null : new Error(error), buffer);
  });
  worker.on('error', (error) => {
    for (const callback of waiting.values()) callback(error);
    waiting.clear();
  });
  return {
    read(file, callback) {
      waiting.set(file, callback);
      worker.postMessage(file);
    },
    stop: () => void worker.terminate(),
  };
}

/**
 * kuromoji's map from a dictionary word (its id in the trie) to its entries, kept as the file's
 * own integers instead of kuromoji's object of ~326,000 small arrays. Those arrays took a
 * quarter of the dictionary's load on the main thread, 65 MB of heap and most of every full
 * garbage collection (BENCHMARKS.md, "Cold start and memory"). kuromoji reads the map only as
 * `target_map[trieId]`, an array-like of entry ids, so a Proxy answers that read with a view of
 * the file; a word's view is kept once made (at most one per dictionary word, as kuromoji had).
 *
 * The file (tid_map.dat) is int32: a count of words, then for each word its trie id, its number
 * of entries and the entries; zeros pad the end.
 */
function flatTargetMap(bytes: Uint8Array): Record<number, ArrayLike<number>> {
  const ints = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  let largestTrieId = 0;
  for (let at = 1; at + 1 < ints.length; at += 2 + ints[at + 1]) {
    largestTrieId = Math.max(largestTrieId, ints[at]);
  }
  // Where each word's entries begin in the file, or -1.
  const start = new Int32Array(largestTrieId + 1).fill(-1);
  for (let at = 1; at + 1 < ints.length; at += 2 + ints[at + 1]) {
    if (ints[at + 1] > 0) start[ints[at]] = at + 2;
  }
  const views = new Map<number, Int32Array>();
  return new Proxy(
    {},
    {
      get(_target, key) {
        const trieId = Number(key);
        let view = views.get(trieId);
        if (view === undefined) {
          const at = start[trieId] ?? -1;
          view = at < 0 ? new Int32Array(0) : ints.subarray(at, at + ints[at - 1]);
          views.set(trieId, view);
        }
        return view;
      },
    },
  );
}

/** Feature lines kept, at most: the words people use here are a few thousand of ipadic's 392,000. */
const KEPT_FEATURE_LINES = 20_000;

/**
 * kuromoji decodes a word's feature line (part of speech, dictionary form, reading) from the
 * dictionary's bytes, one character at a time, every time the word is in a result: a fifth of
 * what a question allocates, and so of the garbage collections that make the slowest answers
 * slow. The line of a word already seen is kept instead (the same text).
 */
function keepFeatureLines(words: KuromojiWords): void {
  const decode = words.getFeatures.bind(words);
  const kept = new Map<number, string>();
  words.getFeatures = function keptFeatureLine(wordId: number) {
    let line = kept.get(wordId);
    if (line === undefined) {
      line = decode(wordId);
      if (kept.size < KEPT_FEATURE_LINES) kept.set(wordId, line);
    }
    return line;
  };
}

/** kuromoji's file of the character classes for unknown words (KANJI, KATAKANA, ALPHA…). */
const CHARACTER_CLASSES_FILE = 'unk_invoke.dat.gz';

/**
 * The character classes file holds 11 classes in about 100 bytes, then zeros to 1 MB; kuromoji
 * reads on to the end and makes an empty class of every 7 zero bytes: 150,000 objects that stay
 * on the heap for good (10 MB, and 25 ms of the start). The zeros after the last class's name
 * (but the one that ends it) are left out; the classes read are the same.
 */
function withoutPadding(buffer: ArrayBuffer): ArrayBuffer {
  const bytes = new Uint8Array(buffer);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return buffer.slice(0, Math.min(bytes.length, end + 1));
}

export function loadTokenizer(dicPath: string = defaultDictionaryPath()): Promise<Tokenizer> {
  return new Promise((resolve, reject) => {
    const loader = new DictionaryLoader(dicPath);
    const files = dictionaryFileReader();
    loader.loadArrayBuffer = (file, callback) =>
      files.read(
        file,
        path.basename(file) === CHARACTER_CLASSES_FILE
          ? (error, buffer) => callback(error, buffer && withoutPadding(buffer))
          : callback,
      );
    const words = loader.dic.token_info_dictionary;
    words.loadTargetMap = function loadFlatTargetMap(bytes: Uint8Array) {
      words.target_map = flatTargetMap(bytes);
      return words;
    };
    keepFeatureLines(words);
    loader.load(function onDictionaryLoaded(err: unknown, dictionaries: unknown) {
      files.stop();
      if (err) {
        reject(new TokenizerLoadError(dicPath, err));
        return;
      }
      const kuromojiTokenizer = new KuromojiTokenizer(
        dictionaries,
      ) as kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
      resolve({
        tokenize: (text: string) => kuromojiTokenizer.tokenize(text.replace(UNTOKENIZABLE, ' ')).map(toToken),
      });
    });
  });
}
