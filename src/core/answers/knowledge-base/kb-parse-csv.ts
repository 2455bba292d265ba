// Parses the CSV knowledge-base format (RFC 4180 quoting through csv-parse, comma or semicolon separated):
// a header row naming the columns question, answer (required) and phrasings, tags, id,
// language (optional), then one entry per row. Phrasings and tags are separated by "|".
import { CsvError, parse } from 'csv-parse/sync';
import type { KbEntry } from './kb-entry.ts';
import { KbImportError } from './kb-import-error.ts';
import { finishEntries, type RawEntry } from './kb-parse-common.ts';

const COLUMNS = ['question', 'answer', 'phrasings', 'tags', 'id', 'language'] as const;
type Column = (typeof COLUMNS)[number];

interface Row {
  line: number;
  cells: string[];
}

/** Splits CSV text into rows of cells (csv-parse, RFC 4180), remembering the line each row starts on. */
function readRows(content: string, separator: string): Row[] {
  let lastEnd = 0;
  try {
    const records = parse(content, {
      delimiter: separator,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      on_record: (record, context) => {
        lastEnd = context.lines;
        return record;
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    let next = 1;
    return records.map(({ record, info }) => {
      // info.lines is the line the record ends on; a record starts after the previous one's end
      // plus any blank lines, which the rows' own newlines tell us.
      const span = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      const line = Math.max(next, info.lines - span);
      next = info.lines + 1;
      return { line, cells: record };
    });
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      // The open row starts on the first non-blank line after the last complete record.
      const lines = content.split(/\r?\n/);
      let line = lastEnd + 1;
      while (line < lines.length && (lines[line - 1] ?? '').trim() === '') line += 1;
      throw new KbImportError('csv', { line }, { code: 'unclosed_quote' });
    }
    throw error;
  }
}

export function parseKbCsv(content: string): KbEntry[] {
  const text = content.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header, ...rows] = readRows(text, separator);
  if (!header) throw new KbImportError('csv', {}, { code: 'no_entries' });
  const names = header.cells.map((c) => c.trim().toLowerCase());
  for (const name of names) {
    if (!(COLUMNS as readonly string[]).includes(name)) throw new KbImportError('csv', { line: header.line }, { code: 'unknown_column', column: name });
  }
  for (const required of ['question', 'answer']) {
    if (!names.includes(required)) throw new KbImportError('csv', { line: header.line }, { code: 'bad_header', missing: required });
  }
  const raw: RawEntry[] = rows.map((row) => {
    if (row.cells.length !== names.length) {
      throw new KbImportError('csv', { line: row.line }, { code: 'column_count', expected: names.length, found: row.cells.length });
    }
    const get = (column: Column) => {
      const at = names.indexOf(column);
      return at >= 0 ? row.cells[at] : undefined;
    };
    const list = (column: Column) => get(column)?.split('|') ?? [];
    return { where: { line: row.line }, id: get('id'), question: get('question'), answer: get('answer'), phrasings: list('phrasings'), tags: list('tags'), language: get('language') };
  });
  return finishEntries('csv', raw);
}
