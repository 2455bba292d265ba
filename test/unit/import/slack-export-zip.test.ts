// Proves a Slack export ZIP is read in place like a folder, and a corrupt ZIP stops with the file named.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSlackExport } from '../../../src/import/slack-export-reader.ts';
import { makeZip } from './make-zip.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const FILES = {
  'users.json': JSON.stringify([{ id: 'U1', name: 'alice' }, { id: 'U2', name: 'bob' }]),
  'channels.json': JSON.stringify([{ id: 'C1', name: 'general' }]),
  'general/2024-01-02.json': JSON.stringify([{ type: 'message', ts: '1704189600.000100', user: 'U2', text: 'second' }]),
  'general/2024-01-01.json': JSON.stringify([{ type: 'message', ts: '1704103200.000100', user: 'U1', text: 'first <@U2>' }]),
};

async function zipFile(buffer: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-slack-zip-'));
  dirs.push(dir);
  const path = join(dir, 'export.zip');
  await writeFile(path, buffer);
  return path;
}

async function texts(path: string): Promise<string[]> {
  const exp = await openSlackExport(path);
  try {
    const out: string[] = [];
    for await (const message of exp.messages()) out.push(message.text);
    return out;
  } finally {
    await exp.close();
  }
}

describe('Slack export ZIP', () => {
  it('GIVEN a deflated export ZIP THEN messages come out in time order', async () => {
    expect(await texts(await zipFile(makeZip(FILES)))).toEqual(['first <@U2>', 'second']);
  });

  it('GIVEN a stored ZIP with everything under a top folder THEN it is read the same', async () => {
    const nested = Object.fromEntries(Object.entries(FILES).map(([name, content]) => [`My Workspace Slack export/${name}`, content]));
    expect(await texts(await zipFile(makeZip(nested, { deflate: false })))).toEqual(['first <@U2>', 'second']);
  });

  it('GIVEN a ZIP64 export (as archives over 4 GiB or 65,535 files are written) THEN it is read the same', async () => {
    expect(await texts(await zipFile(makeZip(FILES, { zip64: true })))).toEqual(['first <@U2>', 'second']);
  });

  it('GIVEN a ZIP whose day file is corrupted THEN the error names that file', async () => {
    const zip = makeZip(FILES, { deflate: false });
    const at = zip.indexOf('"second"');
    zip.write('"sec0nd"', at); // data no longer matches its CRC
    await expect(texts(await zipFile(zip))).rejects.toThrow(/general\/2024-01-02\.json: cannot read: .*CRC/);
  });

  it('GIVEN a file that is not a ZIP THEN opening says so', async () => {
    await expect(openSlackExport(await zipFile(Buffer.from('hello, not a zip')))).rejects.toThrow(/not a ZIP archive/);
  });
});
