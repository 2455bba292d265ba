// Picks the knowledge-base parser from a file name (".json", ".md"/".markdown", ".csv").
import { cleanInput } from '../../clean-input.ts';
import type { KbEntry } from './kb-entry.ts';
import type { KbFormat } from './kb-import-error.ts';
import { parseKbJson } from './kb-parse-json.ts';
import { parseKbMarkdown } from './kb-parse-markdown.ts';
import { parseKbCsv } from './kb-parse-csv.ts';

export function kbFormatOf(fileName: string): KbFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.csv')) return 'csv';
  return null;
}

export function parseKb(content: string, format: KbFormat): KbEntry[] {
  // Control characters (a NUL in an exported file) are stripped from what the file holds.
  if (format === 'json') return cleanInput(parseKbJson(content));
  if (format === 'markdown') return cleanInput(parseKbMarkdown(content));
  return cleanInput(parseKbCsv(content));
}
