/**
 * Text analysis for full-text search, as Orama tokenizers: Unicode words, case and diacritics folded
 * ("Financiële" → "financiele", "DigiD" → "digid"), then stemmed with the Snowball stemmer of the language
 * from `@orama/stemmers`. Orama's own tokenizer splits words at letters such as "ë", which Dutch uses, so
 * this one replaces it.
 */
import type { Tokenizer } from '@orama/orama';
import { stemmer as dutchStemmer } from '@orama/stemmers/dutch';
import { stemmer as englishStemmer } from '@orama/stemmers/english';

/** Languages with their own analysis; literals in other languages or without a tag go to both. */
export const SEARCH_LANGUAGES = ['nl', 'en'] as const;
export type SearchLanguage = (typeof SEARCH_LANGUAGES)[number];

const STEMMERS: Readonly<Record<SearchLanguage, (word: string) => string>> = {
  nl: dutchStemmer,
  en: englishStemmer,
};

const ORAMA_LANGUAGE: Readonly<Record<SearchLanguage, string>> = { nl: 'dutch', en: 'english' };

/**
 * Returns the lower-case words of `text` with diacritics removed, in order, duplicates kept. A hyphenated
 * word gives its parts and the parts joined, so "e-Herkenning" is found by "herkenning" and "eherkenning".
 */
export function foldWords(text: string): string[] {
  const chunks = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u);
  const words: string[] = [];
  for (const chunk of chunks) {
    const parts = chunk.split('-').filter((part) => part !== '');
    words.push(...parts);
    if (parts.length > 1) words.push(parts.join(''));
  }
  return words;
}

/** Returns the distinct stemmed terms of `text` in `language`. */
export function analyse(text: string, language: SearchLanguage): string[] {
  const stem = STEMMERS[language];
  return [...new Set(foldWords(text).map((word) => stem(word)))];
}

/** Creates an Orama tokenizer that analyses every field and every query in `language`. */
export function createTokenizer(language: SearchLanguage): Tokenizer {
  return {
    language: ORAMA_LANGUAGE[language],
    normalizationCache: new Map(),
    tokenize: (raw: string) => analyse(String(raw), language),
  };
}
