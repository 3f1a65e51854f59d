// kuromoji's loader and tokenizer classes, which its package exports only through the builder.
declare module 'kuromoji/src/loader/DictionaryLoader' {
  class DictionaryLoader {
    constructor(dicPath: string);
    /** The dictionaries being loaded; the word dictionary's map loader can be replaced. */
    dic: {
      token_info_dictionary: {
        target_map: Record<number, ArrayLike<number>>;
        loadTargetMap(bytes: Uint8Array): unknown;
        /** A word's feature line (part of speech, dictionary form, reading…, comma-separated). */
        getFeatures(wordId: number): string;
      };
    };
    loadArrayBuffer: (file: string, callback: (error: Error | null, buffer?: ArrayBuffer) => void) => void;
    load(callback: (error: unknown, dictionaries: unknown) => void): void;
  }
  export = DictionaryLoader;
}

declare module 'kuromoji/src/Tokenizer' {
  class Tokenizer {
    constructor(dictionaries: unknown);
  }
  export = Tokenizer;
}
