// Parses the Markdown knowledge-base format, one entry per "## " heading:
//
//   # Shop FAQ                       <- optional title, ignored
//   ## How do I reset my password?   <- the question
//   - I forgot my password           <- other phrasings: "- " lines right under the heading
//   - Can't log in
//   tags: account, login             <- optional ("етикети:" too)
//   id: password-reset               <- optional, made from the question when missing
//   language: en                     <- optional ("език:" too), detected when missing
//
//   Click "Forgot password" on the sign-in page.   <- the answer: everything after the blank line
import type { KbEntry } from './kb-entry.ts';
import { KbImportError } from './kb-import-error.ts';
import { finishEntries, type RawEntry } from './kb-parse-common.ts';

const HEADING = /^##\s+(.+?)\s*#*\s*$/;
const TITLE = /^#\s+/;
const BULLET = /^\s*[-*+]\s+(.+)$/;
const META = /^\s*(id|tags|language|етикети|език)\s*:\s*(.*)$/i;

interface Draft {
  raw: RawEntry;
  inHeader: boolean;
  answer: string[];
}

function applyMeta(raw: RawEntry, key: string, value: string): void {
  const k = key.toLowerCase();
  if (k === 'id') raw.id = value;
  else if (k === 'tags' || k === 'етикети') raw.tags = value.split(/[,|]/);
  else raw.language = value;
}

export function parseKbMarkdown(content: string): KbEntry[] {
  const drafts: Draft[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  let inFence = false;
  lines.forEach((line, i) => {
    const current = drafts.at(-1);
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(line);
    if (heading) {
      drafts.push({ raw: { where: { line: i + 1, entry: heading[1] }, question: heading[1], phrasings: [] }, inHeader: true, answer: [] });
      return;
    }
    if (!current) {
      if (line.trim() === '' || (TITLE.test(line) && drafts.length === 0)) return;
      throw new KbImportError('markdown', { line: i + 1 }, { code: 'text_before_heading' });
    }
    if (current.inHeader) {
      if (line.trim() === '') {
        current.inHeader = current.raw.phrasings?.length === 0 && current.raw.id === undefined && current.raw.tags === undefined && current.raw.language === undefined && current.answer.length === 0;
        return;
      }
      const bullet = BULLET.exec(line);
      const meta = META.exec(line);
      if (bullet?.[1]) current.raw.phrasings?.push(bullet[1]);
      else if (meta?.[1] !== undefined) applyMeta(current.raw, meta[1], meta[2] ?? '');
      else {
        current.inHeader = false;
        current.answer.push(line);
      }
      return;
    }
    current.answer.push(line);
  });
  for (const d of drafts) d.raw.answer = d.answer.join('\n').trim();
  return finishEntries('markdown', drafts.map((d) => d.raw));
}
