/**
 * A sheet part kept as a "binary string": one character per byte of its UTF-8 (Latin-1 decoding). JavaScript keeps a
 * string with a single character above U+00FF at two bytes per character: a forms sheet whose row formulas name
 * Chinese columns (kp_Mass[[#This Row],[理想信念]…]) cost twice its 80 MB when decoded. The XML's markup is ASCII,
 * so tags, attributes and offsets are found in the binary string as in the text; a piece of text taken out of it
 * (a formula, an inline string, an element kept as written) is decoded from UTF-8 with `binaryToText`.
 */

import { strFromU8 } from 'fflate';

type NodeBuffer = { from(data: ArrayBufferLike | string, offsetOrEncoding?: number | string, length?: number): { toString(encoding: string): string } };
const NodeBuf = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/** Latin-1 decoding of bytes: character i is byte i. */
export function bytesToBinary(b: Uint8Array): string {
  return NodeBuf ? NodeBuf.from(b.buffer, b.byteOffset, b.length).toString('latin1') : portableBytesToBinary(b);
}

/** The same without Node's Buffer (the web page; TextDecoder's "latin1" is windows-1252, which changes 0x80–0x9F). */
export function portableBytesToBinary(b: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < b.length; i += 8192) parts.push(String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]));
  return parts.join('');
}

/** The text a piece of a binary string stands for (UTF-8 decoded); ASCII comes back as it is. */
export function binaryToText(s: string): string {
  let i = 0;
  const n = s.length;
  while (i < n && s.charCodeAt(i) < 0x80) i++;
  if (i === n) return s;
  return NodeBuf ? NodeBuf.from(s, 'latin1').toString('utf8') : portableBinaryToText(s);
}

/** The same without Node's Buffer. */
export function portableBinaryToText(s: string): string {
  const n = s.length;
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) b[k] = s.charCodeAt(k);
  return strFromU8(b);
}
