// The error every knowledge-base parser throws: it names the line or entry, says what is wrong
// and how to fix it, in English and Bulgarian. Parsing is all-or-nothing: one problem, no entries.
import { UserError } from '../../errors.ts';
import type { Language } from './kb-entry.ts';

export type KbFormat = 'json' | 'markdown' | 'csv';

export type KbProblem =
  | { code: 'bad_json'; detail: string }
  | { code: 'not_object' }
  | { code: 'no_entries' }
  | { code: 'missing_field'; field: string }
  | { code: 'bad_type'; field: string; expected: 'text' | 'list of texts' }
  | { code: 'duplicate_id'; id: string }
  | { code: 'bad_id'; id: string }
  | { code: 'bad_language'; value: string }
  | { code: 'bad_header'; missing: string }
  | { code: 'unknown_column'; column: string }
  | { code: 'column_count'; expected: number; found: number }
  | { code: 'unclosed_quote' }
  | { code: 'text_before_heading' };

export interface KbLocation {
  line?: number;
  entry?: string;
}

const EN: Record<KbProblem['code'], (p: any) => string> = {
  bad_json: (p) => `the file is not valid JSON (${p.detail}); check commas, quotes and brackets`,
  not_object: () => 'the file must be an object like {"entries": [...]}',
  no_entries: () => 'the file has no entries; add at least one',
  missing_field: (p) => `"${p.field}" is missing or empty; add it`,
  bad_type: (p) => `"${p.field}" must be a ${p.expected}`,
  duplicate_id: (p) => `the id "${p.id}" is used twice; give each entry its own id`,
  bad_id: (p) => `the id "${p.id}" must be 1 to 100 characters without spaces`,
  bad_language: (p) => `the language "${p.value}" is not supported; use "en" or "bg"`,
  bad_header: (p) => `the header row has no "${p.missing}" column; the first row must name the columns (question,answer,phrasings,tags,id,language)`,
  unknown_column: (p) => `the column "${p.column}" is not known; use question, answer, phrasings, tags, id or language`,
  column_count: (p) => `the row has ${p.found} columns but the header has ${p.expected}; quote values that contain commas`,
  unclosed_quote: () => 'a quoted value is never closed; add the closing "',
  text_before_heading: () => 'there is text before the first "## " heading; each entry starts with "## question"',
};

const BG: Record<KbProblem['code'], (p: any) => string> = {
  bad_json: (p) => `файлът не е валиден JSON (${p.detail}); проверете запетаите, кавичките и скобите`,
  not_object: () => 'файлът трябва да е обект като {"entries": [...]}',
  no_entries: () => 'файлът няма записи; добавете поне един',
  missing_field: (p) => `полето „${p.field}“ липсва или е празно; попълнете го`,
  bad_type: (p) => `полето „${p.field}“ трябва да е ${p.expected === 'text' ? 'текст' : 'списък от текстове'}`,
  duplicate_id: (p) => `идентификаторът „${p.id}“ се среща два пъти; дайте на всеки запис собствен`,
  bad_id: (p) => `идентификаторът „${p.id}“ трябва да е от 1 до 100 знака без интервали`,
  bad_language: (p) => `езикът „${p.value}“ не се поддържа; използвайте „en“ или „bg“`,
  bad_header: (p) => `в заглавния ред няма колона „${p.missing}“; първият ред трябва да именува колоните (question,answer,phrasings,tags,id,language)`,
  unknown_column: (p) => `колоната „${p.column}“ е непозната; използвайте question, answer, phrasings, tags, id или language`,
  column_count: (p) => `редът има ${p.found} колони, а заглавният ред — ${p.expected}; сложете в кавички стойностите със запетаи`,
  unclosed_quote: () => 'стойност в кавички не е затворена; добавете затварящата "',
  text_before_heading: () => 'има текст преди първото заглавие „## “; всеки запис започва с „## въпрос“',
};

/** The problem and where it is, as one sentence in the reader's language. */
export function describeKbProblem(format: KbFormat, where: KbLocation, problem: KbProblem, language: Language): string {
  const parts: string[] = [];
  if (language === 'bg') {
    if (where.line !== undefined) parts.push(`ред ${where.line}`);
    if (where.entry !== undefined) parts.push(`запис ${where.entry}`);
    const place = parts.length > 0 ? ` (${parts.join(', ')})` : '';
    return `Файлът (${format}) не е внесен${place}: ${BG[problem.code](problem)}. Нищо не е внесено.`;
  }
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.entry !== undefined) parts.push(`entry ${where.entry}`);
  const place = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  return `The ${format} file was not imported${place}: ${EN[problem.code](problem)}. Nothing was imported.`;
}

export class KbImportError extends UserError {
  readonly format: KbFormat;
  readonly where: KbLocation;
  readonly problem: KbProblem;
  constructor(format: KbFormat, where: KbLocation, problem: KbProblem) {
    super('answers.kb_import_failed', { format, ...where, problem: problem.code });
    this.name = 'KbImportError';
    this.format = format;
    this.where = where;
    this.problem = problem;
    this.message = describeKbProblem(format, where, problem, 'en');
  }

  /** The same message in Bulgarian or English, for the moderator who imported the file. */
  describe(language: Language): string {
    return describeKbProblem(this.format, this.where, this.problem, language);
  }
}
