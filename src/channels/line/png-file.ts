/**
 * What the rich menu command checks of a PNG before LINE sees it (the signature and the size in
 * its IHDR chunk), and a tEXt chunk that records what the image was drawn for, so a test can
 * tell a stale image from a current one. Chunks: length, type, data, CRC-32 (PNG spec, 5.3).
 */
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export class PngFileError extends Error {
  constructor(expected: string) {
    super(`Error at png-file: expected ${expected}`);
    this.name = 'PngFileError';
  }
}

interface Chunk {
  readonly type: string;
  readonly data: Buffer;
  /** Where the chunk starts (its length field). */
  readonly at: number;
}

function chunks(png: Buffer): Chunk[] {
  if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw new PngFileError('a PNG file (its 8-byte signature)');
  }
  const found: Chunk[] = [];
  for (let at = SIGNATURE.length; at + 12 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) throw new PngFileError(`the ${type} chunk within the file`);
    found.push({ type, data: png.subarray(at + 8, at + 8 + length), at });
    at += 12 + length;
  }
  if (found[0]?.type !== 'IHDR' || found.at(-1)?.type !== 'IEND') {
    throw new PngFileError('a PNG file that starts with IHDR and ends with IEND');
  }
  return found;
}

/** The image's width and height in pixels. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const header = chunks(png)[0]!.data;
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4) };
}

/** The text of the tEXt chunk with this keyword, if there is one. */
export function pngText(png: Buffer, keyword: string): string | undefined {
  const prefix = Buffer.from(`${keyword}\0`, 'latin1');
  const chunk = chunks(png).find(
    (c) => c.type === 'tEXt' && c.data.subarray(0, prefix.length).equals(prefix),
  );
  return chunk?.data.subarray(prefix.length).toString('latin1');
}

/** The PNG with a tEXt chunk (Latin-1 keyword and text) before its IEND. */
export function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const end = chunks(png).at(-1)!;
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([png.subarray(0, end.at), chunk, png.subarray(end.at)]);
}
