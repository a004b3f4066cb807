/**
 * Zip read/write for packages. Reading inflates with fflate; writing copies the compressed bytes of every entry
 * that is unchanged (same bytes as read), so a save costs only the parts a command changed.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export interface RawEntry { method: number; crc: number; compressed: Uint8Array; size: number }
export interface ZipEntry {
  name: string;
  /** Uncompressed bytes; undefined while an entry read from a file is used as it was (see raw). */
  data?: Uint8Array;
  /** As found in the input: compression method, CRC and compressed bytes (copied when data is not set). */
  raw?: RawEntry;
}

export class ZipError extends Error {}

/**
 * Raw-deflate codec: fflate (pure JS, runs in the browser) unless a faster one is given (Node's zlib in the CLI).
 * `inflate` must not return more than `max` bytes (stop there, or throw).
 */
export interface Codec { inflate(d: Uint8Array, max: number): Uint8Array; deflate(d: Uint8Array): Uint8Array }
let codec: Codec = {
  inflate: (d, max) => inflateSync(d, { out: new Uint8Array(max) }),
  deflate: (d) => deflateSync(d, { level: 6 }),
};
export function setCodec(c: Codec): void { codec = c; }


function u16(b: Uint8Array, o: number): number { return b[o] | (b[o + 1] << 8); }
function u32(b: Uint8Array, o: number): number { return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }

/** The inflated size did not match the size the zip declares (a forged header, or a corrupt entry). */
export class SizeMismatchError extends ZipError {}

/**
 * The uncompressed bytes of an entry as read. The output buffer is the declared size plus one byte: an entry that
 * inflates to more than it declares is stopped there (never allocated in full) and refused.
 */
export function inflateEntry(name: string, raw: RawEntry): Uint8Array {
  if (raw.method === 0) return raw.compressed;
  if (raw.method !== 8) throw new ZipError(`zip 条目 ${name} 使用了不支持的压缩方式 ${raw.method}`);
  let out: Uint8Array;
  try { out = codec.inflate(raw.compressed, raw.size + 1); } catch { throw new SizeMismatchError(`zip 条目 ${name} 无法解压，或解压后比声明的大（声明 ${raw.size} 字节）`); }
  if (out.length !== raw.size) throw new SizeMismatchError(`zip 条目 ${name} 解压后${out.length > raw.size ? '比声明的大' : '比声明的小'}（声明 ${raw.size} 字节）`);
  return out;
}

/** Reads the central directory; entries are inflated when first used (inflateEntry). */
export function readZip(b: Uint8Array): ZipEntry[] {
  // End of central directory: scan back over a comment of up to 64 KB.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) { eocd = i; break; }
  }
  if (eocd < 0) throw new ZipError('找不到 zip 目录（文件不完整）');
  let count = u16(b, eocd + 10);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // Zip64 end of central directory locator.
    const loc = eocd - 20;
    if (loc >= 0 && u32(b, loc) === 0x07064b50) {
      const z64 = Number(u32(b, loc + 8)) + Number(u32(b, loc + 12)) * 2 ** 32;
      if (u32(b, z64) === 0x06064b50) {
        count = Number(u32(b, z64 + 32)) + Number(u32(b, z64 + 36)) * 2 ** 32;
        cdOffset = Number(u32(b, z64 + 48)) + Number(u32(b, z64 + 52)) * 2 ** 32;
      }
    }
  }
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipError('zip 目录已损坏');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const crc = u32(b, p + 16);
    let csize = u32(b, p + 20);
    let usize = u32(b, p + 24);
    const nlen = u16(b, p + 28), xlen = u16(b, p + 30), clen = u16(b, p + 32);
    let local = u32(b, p + 42);
    const name = strFromU8(b.subarray(p + 46, p + 46 + nlen));
    // Zip64 extra field.
    let x = p + 46 + nlen;
    const xend = x + xlen;
    while (x + 4 <= xend) {
      const id = u16(b, x), sz = u16(b, x + 2);
      if (id === 1) {
        let q = x + 4;
        if (usize === 0xffffffff) { usize = u32(b, q) + u32(b, q + 4) * 2 ** 32; q += 8; }
        if (csize === 0xffffffff) { csize = u32(b, q) + u32(b, q + 4) * 2 ** 32; q += 8; }
        if (local === 0xffffffff) { local = u32(b, q) + u32(b, q + 4) * 2 ** 32; }
      }
      x += 4 + sz;
    }
    p = xend + clen;
    if (flags & 1) throw new ZipError('文件已加密');
    if (u32(b, local) !== 0x04034b50) throw new ZipError(`zip 条目 ${name} 已损坏`);
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (start + csize > b.length) throw new ZipError(`zip 条目 ${name} 不完整`);
    const compressed = b.subarray(start, start + csize);
    if (name.endsWith('/')) continue;
    if (method !== 0 && method !== 8) throw new ZipError(`zip 条目 ${name} 使用了不支持的压缩方式 ${method}`);
    out.push({ name, raw: { method, crc, compressed, size: usize } });
  }
  return out;
}

let CRC_TABLE: Int32Array | null = null;
function crc32(d: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < d.length; i++) c = CRC_TABLE[(c ^ d[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Writes a zip (no zip64: packages here stay far below 4 GB). Entries whose data is the bytes read are copied. */
export function writeZip(entries: ZipEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  // DOS date 1980-01-01 00:00 (deterministic output).
  const time = 0, date = (0 << 9) | (1 << 5) | 1;
  for (const e of entries) {
    const nameBytes = strToU8(e.name);
    let method: number, crc: number, compressed: Uint8Array, size: number;
    if (e.data === undefined) {
      if (!e.raw) throw new ZipError(`zip 条目 ${e.name} 没有内容`);
      ({ method, crc, compressed, size } = e.raw);
    } else {
      size = e.data.length;
      crc = crc32(e.data);
      const store = e.data.length < 64 || /\.(png|jpe?g|gif|emf|wmf)$/i.test(e.name);
      method = store ? 0 : 8;
      compressed = store ? e.data : codec.deflate(e.data);
    }
    const utf8 = /[^\x20-\x7e]/.test(e.name) ? 0x800 : 0;
    const lh = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(lh.buffer);
    lv.setUint32(0, 0x04034b50, true); lv.setUint16(4, 20, true); lv.setUint16(6, utf8, true); lv.setUint16(8, method, true);
    lv.setUint16(10, time, true); lv.setUint16(12, date, true); lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true); lv.setUint32(22, size, true); lv.setUint16(26, nameBytes.length, true); lv.setUint16(28, 0, true);
    lh.set(nameBytes, 30);
    const ch = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(ch.buffer);
    cv.setUint32(0, 0x02014b50, true); cv.setUint16(4, 20, true); cv.setUint16(6, 20, true); cv.setUint16(8, utf8, true); cv.setUint16(10, method, true);
    cv.setUint16(12, time, true); cv.setUint16(14, date, true); cv.setUint32(16, crc, true); cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, size, true); cv.setUint16(28, nameBytes.length, true); cv.setUint32(42, offset, true);
    ch.set(nameBytes, 46);
    chunks.push(lh, compressed);
    central.push(ch);
    offset += lh.length + compressed.length;
  }
  const cdSize = central.reduce((a, c) => a + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true); ev.setUint16(8, entries.length, true); ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true); ev.setUint32(16, offset, true);
  const total = new Uint8Array(offset + cdSize + 22);
  let o = 0;
  for (const c of [...chunks, ...central, end]) { total.set(c, o); o += c.length; }
  return total;
}
