// Parses evaluation query files (JSON Lines): {"query": "...", "expected": "<entry id>" | null}.
import type { LabelledQuery } from '../knowledge-base/kb-entry.ts';

export function parseQueryLines(content: string, source = 'queries'): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${source} line ${i + 1}: not valid JSON; each line must be {"query": "...", "expected": "id" or null}`);
    }
    const r = row as { query?: unknown; expected?: unknown };
    if (typeof r.query !== 'string' || r.query.trim() === '') throw new Error(`${source} line ${i + 1}: "query" must be a non-empty text`);
    if (r.expected !== null && typeof r.expected !== 'string') throw new Error(`${source} line ${i + 1}: "expected" must be an entry id or null`);
    out.push({ query: r.query, expected: r.expected });
  });
  return out;
}
