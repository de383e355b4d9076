/**
 * The evidence tokenizer shared with the training pipeline (training/aoi_model/tokenizer.py implements the
 * same steps; test/fixtures/tokenizer-vectors.json holds ids both test suites check). Deterministic and
 * download-free: hashed word pieces.
 *
 * 1. ASCII letters are lower-cased; every other character outside printable ASCII separates words.
 * 2. Words are runs of `[a-z0-9_]`, `<...>` placeholders of the template miner (`<*>`, `<num>`) and single
 *    punctuation characters; whitespace separates.
 * 3. Variables are masked: a word of digits becomes `<num>`; a word of 12 or more characters that mixes
 *    letters and digits (ids, hashes, pod suffixes) becomes `<id>`.
 * 4. Each word gives the piece `w:WORD`; a word longer than 4 characters (not a placeholder) also gives `p:`
 *    and its first 4.
 * 5. A piece's id is `2 + fnv1a32(piece) mod (vocab - 2)`; 0 pads, 1 is never produced (reserved).
 * 6. Ids are cut at `maxTokens` and padded with 0 to `maxTokens`.
 */

/** The tokenizer's parameters, as recorded in a model manifest. */
export interface TokenizerParams {
  kind: 'hashed-word-pieces';
  /** Size of the id space, pad and reserved ids included. */
  vocab: number;
  /** Ids per evidence item (the model's sequence length). */
  maxTokens: number;
}

/** Default parameters of the bundled model. */
export const DEFAULT_TOKENIZER: TokenizerParams = { kind: 'hashed-word-pieces', vocab: 8192, maxTokens: 32 };

const WORD = /<[a-z*]{1,8}>|[a-z0-9_]+|[!-/:-@[-`{-~]/g;

/** The masked words of `text` (steps 1-3). */
export function words(text: string): string[] {
  const ascii = text.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^\x20-\x7e]/g, ' ');
  return (ascii.match(WORD) ?? []).map(mask);
}

function mask(word: string): string {
  if (/^[0-9]+$/.test(word)) return '<num>';
  if (word.length >= 12 && /[0-9]/.test(word) && /[a-z]/.test(word)) return '<id>';
  return word;
}

/** The word pieces of `text` (step 4). */
export function pieces(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    out.push(`w:${w}`);
    if (w.length > 4 && !w.startsWith('<')) out.push(`p:${w.slice(0, 4)}`);
  }
  return out;
}

/** 32-bit FNV-1a over the characters of `s` (ASCII, so its UTF-8 bytes). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The ids of `text`: `params.maxTokens` of them, padded with 0 (steps 5-6). */
export function tokenize(text: string, params: TokenizerParams): number[] {
  const ids = pieces(text).slice(0, params.maxTokens).map((p) => 2 + (fnv1a32(p) % (params.vocab - 2)));
  while (ids.length < params.maxTokens) ids.push(0);
  return ids;
}
