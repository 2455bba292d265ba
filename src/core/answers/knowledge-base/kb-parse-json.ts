// Parses the JSON knowledge-base format of eval/datasets/faq/*.kb.json:
// { "name"?, "language"?, "entries": [ { "id", "question", "answer", "phrasings"?, "tags"?, "language"? } ] }
import type { KbEntry } from './kb-entry.ts';
import { KbImportError, type KbLocation } from './kb-import-error.ts';
import { finishEntries, type RawEntry } from './kb-parse-common.ts';

function text(value: unknown, field: string, where: KbLocation): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new KbImportError('json', where, { code: 'bad_type', field, expected: 'text' });
  return value;
}

function texts(value: unknown, field: string, where: KbLocation): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new KbImportError('json', where, { code: 'bad_type', field, expected: 'list of texts' });
  }
  return value as string[];
}

export function parseKbJson(content: string): KbEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new KbImportError('json', {}, { code: 'bad_json', detail: (error as Error).message });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new KbImportError('json', {}, { code: 'not_object' });
  const root = data as Record<string, unknown>;
  const list = root.entries;
  if (!Array.isArray(list)) throw new KbImportError('json', {}, { code: 'missing_field', field: 'entries' });
  const fallback = text(root.language, 'language', {});
  const raw: RawEntry[] = list.map((item, i) => {
    const label = typeof (item as { id?: unknown })?.id === 'string' ? `#${i + 1} "${(item as { id: string }).id}"` : `#${i + 1}`;
    const where: KbLocation = { entry: label };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new KbImportError('json', where, { code: 'not_object' });
    const e = item as Record<string, unknown>;
    const id = text(e.id, 'id', where);
    if (id === undefined || id.trim() === '') throw new KbImportError('json', where, { code: 'missing_field', field: 'id' });
    return {
      where, id,
      question: text(e.question, 'question', where),
      answer: text(e.answer, 'answer', where),
      phrasings: texts(e.phrasings, 'phrasings', where),
      tags: texts(e.tags, 'tags', where),
      language: text(e.language, 'language', where),
    };
  });
  return finishEntries('json', raw, fallback);
}
