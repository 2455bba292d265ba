// The event spool as an append-only file of JSON lines (event-spool.ts), fsync'd after every
// append. A replay first renames the file to `<file>.draining` (new appends start a fresh file),
// reads it, and deletes it once every event in it is stored; a `.draining` file left by a crash is
// replayed first at the next start. One spool per process: give each process on a machine its own
// RAPPORT_SPOOL_FILE.
import { appendFile as appendFileText, mkdir, open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { parseSpoolLine, spoolLine, type EventSpool } from '../core/event-spool.ts';
import type { ChatEvent } from '../core/events.ts';

export async function openFileEventSpool(file: string): Promise<EventSpool> {
  await mkdir(path.dirname(file), { recursive: true });
  const draining = `${file}.draining`;
  let handle: FileHandle | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let pending = (await countEvents(draining)) + (await countEvents(file));
  // A crash in the middle of an append leaves a torn last line: end it, so the next append starts
  // a line of its own (the torn one is skipped when read).
  const text = await readFile(file, 'utf8').catch(() => '');
  if (text !== '' && !text.endsWith('\n')) await appendFileText(file, '\n');

  /** Appends and renames one at a time. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  }

  async function readEvents(at: string): Promise<ChatEvent[]> {
    const text = await readFile(at, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)));
    return text.split('\n').flatMap((line) => {
      const event = line.trim() === '' ? undefined : parseSpoolLine(line);
      return event ? [event] : [];
    });
  }

  return {
    append: (event) =>
      serial(async () => {
        handle ??= await open(file, 'a');
        await handle.appendFile(`${spoolLine(event)}\n`, 'utf8');
        await handle.datasync();
        pending++;
      }),
    pending: () => pending,
    take: () =>
      serial(async () => {
        if (!(await exists(draining))) {
          if (!(await exists(file))) return undefined;
          await handle?.close();
          handle = undefined;
          await rename(file, draining);
        }
        const events = await readEvents(draining);
        return {
          events,
          commit: () =>
            serial(async () => {
              await rm(draining, { force: true });
              pending = Math.max(0, pending - events.length);
            }),
        };
      }),
    close: () =>
      serial(async () => {
        await handle?.close();
        handle = undefined;
      }),
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function countEvents(file: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.trim() !== '' && parseSpoolLine(line) !== undefined).length;
}
