/**
 * The one place that knows kuromoji: its callback API and snake_case fields stop here.
 * The dictionary is resolved from the installed package and loaded once, asynchronously.
 */
import path from 'node:path';
import kuromoji from 'kuromoji';

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

/** kuromoji throws on NUL and on unpaired surrogates; they carry no meaning, so they become spaces. */
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

export function loadTokenizer(dicPath: string = defaultDictionaryPath()): Promise<Tokenizer> {
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build(function onDictionaryLoaded(err, kuromojiTokenizer) {
      if (err) {
        reject(new TokenizerLoadError(dicPath, err));
        return;
      }
      resolve({
        tokenize: (text: string) => kuromojiTokenizer.tokenize(text.replace(UNTOKENIZABLE, ' ')).map(toToken),
      });
    });
  });
}
