/**
 * Strict UTF-8 decoding of input files. Node.js `readFile(path, 'utf8')` replaces an invalid byte with U+FFFD
 * without a word, so a file in Latin-1 (`é` as the single byte 0xE9) would be stored with replacement characters.
 */
import { ParseError } from './errors';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes `bytes` as UTF-8, dropping a leading byte order mark.
 * @param resource the file name or `stdin`, for the error message.
 * @throws ParseError naming the resource, the byte offset (from 0) and the line of the first invalid byte.
 */
export function decodeUtf8(bytes: Uint8Array, resource: string): string {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    const offset = firstInvalidUtf8Offset(bytes);
    let line = 1;
    for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
    const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
    throw new ParseError(
      `${resource} is not valid UTF-8: byte 0x${byte} at byte offset ${offset} (line ${line}); save the file as UTF-8`,
      { cause: error, location: { resource, line } },
    );
  }
}

/**
 * Returns the offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF, no sequence cut off at the end), or `bytes.length` when all are valid.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }

    // The lead byte fixes the length and the allowed range of the second byte.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return index;

    if (index + length > bytes.length) return index;
    const second = bytes[index + 1]!;
    if (second < low || second > high) return index;
    for (let next = index + 2; next < index + length; next++) {
      if ((bytes[next]! & 0xc0) !== 0x80) return index;
    }
    index += length;
  }
  return bytes.length;
}
