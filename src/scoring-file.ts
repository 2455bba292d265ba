// RAPPORT_SCORING_FILE: a JSON file of recognition model overrides (docs/recognition.md lists the
// fields and their defaults), for operators who want other weights than Rapport's. Read once at
// start-up with the rest of the configuration; a mistake stops start-up with the file, the field
// and what it expects, so a typo ("answerWeigth") never silently falls back to a default.
import { readFileSync } from 'node:fs';
import { recognitionConfigSchema, type RecognitionConfigInput } from './core/recognition/recognition-config.ts';

export type ScoringFileResult = { ok: true; overrides: RecognitionConfigInput } | { ok: false; problems: string[] };

const FIX = 'fix the file or unset RAPPORT_SCORING_FILE; the fields are listed in docs/recognition.md';

export function readScoringFile(path: string, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): ScoringFileResult {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, problems: [`RAPPORT_SCORING_FILE ${JSON.stringify(path)} cannot be read (${code}); ${FIX}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`RAPPORT_SCORING_FILE ${JSON.stringify(path)} is not JSON (${(error as Error).message}); ${FIX}`] };
  }
  if (typeof json === 'object' && json !== null && 'timeZone' in json) {
    return { ok: false, problems: [`RAPPORT_SCORING_FILE ${JSON.stringify(path)}: "timeZone" is each community's own (/settings timezone; RAPPORT_TIME_ZONE for new communities), not a scoring field; remove it`] };
  }
  // strict(): an unknown field is a mistake, not something to ignore.
  const parsed = recognitionConfigSchema.omit({ timeZone: true }).strict().safeParse(json);
  if (parsed.success) return { ok: true, overrides: json as RecognitionConfigInput };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return `RAPPORT_SCORING_FILE ${JSON.stringify(path)}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}; ${FIX}`;
      const field = issue.path.length > 0 ? `field ${JSON.stringify(issue.path.join('.'))}` : 'the file';
      return `RAPPORT_SCORING_FILE ${JSON.stringify(path)}: ${field} ${issue.message.replace(/^Invalid input: /, '')}; ${FIX}`;
    }),
  };
}
