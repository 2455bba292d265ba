// Reads files out of a ZIP archive without extracting it and without loading it whole: the
// central directory is read once, then each entry on demand (stored or deflated, CRC-checked).
// Enough for Slack's export ZIP (APPNOTE.TXT, https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT).
// Not supported: ZIP64 (archives or entries over 4 GiB), encryption, multi-disk archives.
import { open, type FileHandle } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  read(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
}

export async function openZip(path: string): Promise<ZipArchive> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT);
    const tail = await readAt(handle, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('not a ZIP archive (no end of central directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipError('ZIP64 archives are not supported; unzip it first');
    if (cdOffset + cdSize > size) throw new ZipError('truncated ZIP archive (central directory past the end)');
    const cd = await readAt(handle, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new ZipError(`corrupt central directory at entry ${i + 1}`);
      const flags = cd.readUInt16LE(p + 8);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
      if (flags & 0x1) throw new ZipError(`${name} is encrypted`);
      entries.set(name, {
        name,
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }

    return {
      entries,
      async read(name) {
        const entry = entries.get(name);
        if (!entry) throw new ZipError(`${name} is not in the archive`);
        const local = await readAt(handle, entry.localHeaderOffset, 30);
        if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipError(`${name}: corrupt local header`);
        const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const raw = await readAt(handle, dataStart, entry.compressedSize);
        if (raw.length < entry.compressedSize) throw new ZipError(`${name}: truncated data`);
        let data: Buffer;
        if (entry.method === 0) data = raw;
        else if (entry.method === 8) {
          try {
            data = inflateRawSync(raw);
          } catch (error) {
            throw new ZipError(`${name}: corrupt compressed data (${error instanceof Error ? error.message : String(error)})`);
          }
        } else throw new ZipError(`${name}: compression method ${entry.method} is not supported (only stored and deflate)`);
        if (data.length !== entry.size || crc32(data) !== entry.crc) throw new ZipError(`${name}: CRC or size mismatch (corrupt archive)`);
        return data;
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
