// What the console keeps on disk next to its data: the line history (one line per entry, oldest
// first, so Up recalls earlier lines after a restart) and the files Rapport sends by DM
// (/privacy export), which a terminal cannot attach, so they are written where the person can open them.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const HISTORY_SIZE = 1000;

/** The saved history, most recent first (what node:readline's `history` option takes). */
export function readHistory(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text.split('\n').filter((line) => line.trim() !== '').slice(-HISTORY_SIZE).reverse();
}

export function appendHistory(file: string, line: string): void {
  if (line.trim() === '' || line.includes('\n')) return;
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${line}\n`);
}

/** Writes a file sent to the console and returns its path. The name comes from Rapport, but is kept to one plain file name anyway. */
export function saveSentFile(dir: string, file: { name: string; content: string }): string {
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, path.basename(file.name).replace(/[^\w.-]/g, '_') || 'file');
  writeFileSync(target, file.content);
  return path.resolve(target);
}
