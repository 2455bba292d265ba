// Checks shared by the knowledge-base parsers: ids, languages, duplicates, required texts.
import type { KbEntry, Language } from './kb-entry.ts';
import { detectLanguage } from '../text/analyze.ts';
import { KbImportError, type KbFormat, type KbLocation } from './kb-import-error.ts';

// Ids appear in slash commands ("/faq show b77-age_limit"), so no spaces; anything else printable goes.
const ID = /^[^\s\p{C}]{1,100}$/u;

export interface RawEntry {
  where: KbLocation;
  id?: string;
  question?: string;
  answer?: string;
  phrasings?: string[];
  tags?: string[];
  language?: string;
}

/** A readable id from the question: "How do I pay?" -> "how-do-i-pay". */
export function slugify(text: string): string {
  const slug = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 60).replace(/-+$/, '') || 'entry';
}

function toLanguage(format: KbFormat, where: KbLocation, value: string | undefined, text: string): Language {
  if (value === undefined || value.trim() === '') return detectLanguage(text);
  const v = value.trim().toLowerCase();
  if (v === 'en' || v === 'bg') return v;
  throw new KbImportError(format, where, { code: 'bad_language', value });
}

/** Validates raw entries and returns clean ones, or throws for the first problem. */
export function finishEntries(format: KbFormat, raw: RawEntry[], fallbackLanguage?: string): KbEntry[] {
  if (raw.length === 0) throw new KbImportError(format, {}, { code: 'no_entries' });
  const seen = new Set<string>();
  return raw.map((r) => {
    const question = r.question?.trim() ?? '';
    const answer = r.answer?.trim() ?? '';
    if (question === '') throw new KbImportError(format, r.where, { code: 'missing_field', field: 'question' });
    if (answer === '') throw new KbImportError(format, r.where, { code: 'missing_field', field: 'answer' });
    let id = r.id?.trim() || slugify(question);
    if (!ID.test(id)) throw new KbImportError(format, r.where, { code: 'bad_id', id });
    if (seen.has(id)) {
      if (r.id?.trim()) throw new KbImportError(format, r.where, { code: 'duplicate_id', id });
      let n = 2;
      while (seen.has(`${id}-${n}`)) n += 1;
      id = `${id}-${n}`;
    }
    seen.add(id);
    return {
      id, question, answer,
      phrasings: (r.phrasings ?? []).map((p) => p.trim()).filter(Boolean),
      tags: (r.tags ?? []).map((t) => t.trim()).filter(Boolean),
      language: toLanguage(format, r.where, r.language ?? fallbackLanguage, question),
    };
  });
}
