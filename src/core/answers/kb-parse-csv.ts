// Parses the CSV knowledge-base format (RFC 4180 quoting, comma or semicolon separated):
// a header row naming the columns question, answer (required) and phrasings, tags, id,
// language (optional), then one entry per row. Phrasings and tags are separated by "|".
import type { KbEntry } from './kb-entry.ts';
import { KbImportError } from './kb-import-error.ts';
import { finishEntries, type RawEntry } from './kb-parse-common.ts';

const COLUMNS = ['question', 'answer', 'phrasings', 'tags', 'id', 'language'] as const;
type Column = (typeof COLUMNS)[number];

interface Row {
  line: number;
  cells: string[];
}

/** Splits CSV text into rows of cells, remembering the line each row starts on. */
function readRows(content: string, separator: string): Row[] {
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < content.length; i += 1) {
    const ch = content[i] as string;
    if (quoted) {
      if (ch === '"' && content[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line += 1; cell += ch; }
      continue;
    }
    if (ch === '"' && cell.trim() === '') { quoted = true; cell = ''; }
    else if (ch === separator) { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i += 1;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
      cells = []; cell = ''; line += 1; rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new KbImportError('csv', { line: rowLine }, { code: 'unclosed_quote' });
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
  return rows;
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
