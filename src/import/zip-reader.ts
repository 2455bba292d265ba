// Reads files out of a ZIP archive without extracting it and without loading it whole: yauzl
// (https://github.com/thejoshwolfe/yauzl) reads the central directory once (ZIP64 included, so a
// Slack export over 4 GiB or with over 65,535 files opens), then each entry is streamed on demand,
// inflated and size-checked by yauzl, CRC-checked here. Encrypted entries are refused.
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
}

export interface ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  read(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function openFile(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // lazyEntries: we walk the directory ourselves; autoClose off: entries are read later, on demand.
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) reject(new ZipError(`not a ZIP archive (${message(error)})`));
      else resolve(zip);
    });
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
        reject(new ZipError(`${entry.fileName} is encrypted`));
        zip.close();
        return;
      }
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: unknown) => reject(new ZipError(`corrupt ZIP archive (${message(error)})`)));
    zip.readEntry();
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(new ZipError(`${entry.fileName}: ${message(error)}`));
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return fail(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', fail);
      stream.once('end', () => {
        const data = Buffer.concat(chunks);
        // yauzl checks sizes but not the CRC; a flipped byte in a stored entry must not pass.
        if (crc32(data) !== entry.crc32) fail(new Error('CRC mismatch (corrupt archive)'));
        else resolve(data);
      });
    });
  });
}

export async function openZip(path: string): Promise<ZipArchive> {
  const zip = await openFile(path);
  let entries: Map<string, yauzl.Entry>;
  try {
    entries = await listEntries(zip);
  } catch (error) {
    zip.close();
    throw error;
  }
  const listed = new Map<string, ZipEntry>([...entries].map(([name, e]) => [name, { name, compressedSize: e.compressedSize, size: e.uncompressedSize }]));
  return {
    entries: listed,
    async read(name) {
      const entry = entries.get(name);
      if (!entry) throw new ZipError(`${name} is not in the archive`);
      return readEntry(zip, entry);
    },
    async close() {
      if (zip.isOpen) zip.close();
    },
  };
}
