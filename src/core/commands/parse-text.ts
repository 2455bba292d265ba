// Turns the text typed after a command ("period:week #general", 'title:"Beta access" 5') into
// raw option values, the same way for the console and Slack (which both deliver plain text).
// Discord delivers typed options and skips this step.
import { UserError } from '../errors.ts';
import type { OptionSpec } from './options.ts';

export interface RawOptions {
  [name: string]: string | number | boolean;
}

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '„': '“', "'": "'" };

/** Splits on whitespace, keeping quoted parts (straight or typographic quotes) together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inToken = false;
  for (const char of text) {
    if (quote !== null) {
      if (char === quote) quote = null;
      else current += char;
      continue;
    }
    if (Object.hasOwn(QUOTES, char) && (current === '' || current.endsWith(':'))) {
      quote = QUOTES[char] ?? char;
      inToken = true;
      continue;
    }
    if (/\s/.test(char)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }
    current += char;
    inToken = true;
  }
  if (quote !== null) throw new UserError('errors.unclosedQuote');
  if (inToken) tokens.push(current);
  return tokens;
}

/**
 * Maps tokens onto declared options: `name:value` (or, for commands without free text, `name
 * value`) sets a named option; other tokens fill the remaining options in declaration order; an
 * option marked `rest` takes all remaining tokens.
 */
export function assignOptions(tokens: string[], declared: Array<{ name: string; spec: OptionSpec }>, usage: string): RawOptions {
  const names = new Set(declared.map((d) => d.name));
  const raw: RawOptions = {};
  const positional: string[] = [];
  const takesFreeText = declared.some((d) => d.spec.rest);
  const rest = new Set(declared.filter((d) => d.spec.rest).map((d) => d.name));
  // A free-text option given by name takes the words after it too: rule:weekly on Monday 10:00.
  let openRest: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const match = /^([a-z][a-z0-9_-]*):(.*)$/s.exec(token);
    const next = tokens[i + 1];
    if (!takesFreeText && openRest === undefined && names.has(token) && !Object.hasOwn(raw, token) && next !== undefined && !/^[a-z][a-z0-9_-]*:/.test(next)) {
      // "language bg" typed for "language:bg": an option's name, then its value.
      raw[token] = next;
      i++;
    } else if (match && names.has(match[1]!)) {
      raw[match[1]!] = match[2]!;
      openRest = rest.has(match[1]!) ? match[1]! : undefined;
    } else if (openRest !== undefined) {
      raw[openRest] = `${raw[openRest]} ${token}`;
    } else if (match && !takesFreeText && match[2] !== '' && isOptionLike(match[1]!)) {
      throw new UserError('errors.unknownOption', { option: match[1]!, usage });
    } else {
      positional.push(token);
    }
  }
  for (const { name, spec } of declared) {
    if (positional.length === 0) break;
    if (Object.hasOwn(raw, name)) continue;
    raw[name] = spec.rest ? positional.splice(0).join(' ') : positional.shift()!;
  }
  if (positional.length > 0) throw new UserError('errors.tooManyArguments', { value: positional.join(' '), usage });
  return raw;
}

// "period:week" looks like an option; "Note: this" (capitalised prose) or "10:00" do not.
function isOptionLike(word: string): boolean {
  return /^[a-z][a-z_-]{1,20}$/.test(word) && !['http', 'https', 'mailto'].includes(word);
}

export function usageOf(path: string, declared: Array<{ name: string; spec: OptionSpec }>): string {
  const parts = declared.map(({ name, spec }) => {
    const value = spec.choices ? spec.choices.join('|') : name;
    return spec.required ? `${name}:${value}` : `[${name}:${value}]`;
  });
  return [path, ...parts].join(' ');
}
