// What a message says about the brand: a recommendation ("you should try Acme", "препоръчвам
// Acme"), praise, or a complaint. The community names its brand and aliases; without names no
// brand talk is recognised. Defence (answering someone's complaint) needs the conversation and
// lives in complaint-tracker.ts.
import { matchesCue, negatedPraise, PRAISE, RECOMMENDATION, STRONG_COMPLAINT, WEAK_COMPLAINT } from '../feedback/cues.ts';

export type BrandTalkKind = 'recommendation' | 'defence' | 'praise' | 'complaint';

export interface BrandMatcher {
  readonly names: readonly string[];
  mentions(text: string): boolean;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parses "Acme, acme.io; Акме" into distinct names (at most 20, each 2-60 characters). */
export function parseBrandNames(input: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const raw of input.split(/[,;\n]/)) {
    const name = raw.trim().replace(/^["'“„]|["'”“]$/g, '').trim();
    if (name.length < 2 || name.length > 60 || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
    if (names.length === 20) break;
  }
  return names;
}

export function createBrandMatcher(names: readonly string[]): BrandMatcher {
  if (names.length === 0) return { names, mentions: () => false };
  // Whole names only: not inside another word, a compound or an address ("ubuntu-users", "shipit.ubuntu.com").
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_@/.-])(?:${names.map(escape).join('|')})(?![\\p{L}\\p{N}_]|[.-][\\p{L}\\p{N}])`, 'iu');
  return { names, mentions: (text) => pattern.test(text) };
}

/** The kinds of brand talk in one message (recommendation and praise may come together). */
export function classifyBrandTalk(text: string, brand: BrandMatcher): BrandTalkKind[] {
  if (!brand.mentions(text)) return [];
  const kinds: BrandTalkKind[] = [];
  const complaint = matchesCue(STRONG_COMPLAINT, text) || matchesCue(WEAK_COMPLAINT, text) || negatedPraise(text);
  const praise = matchesCue(PRAISE, text);
  if (matchesCue(RECOMMENDATION, text) && !complaint) kinds.push('recommendation');
  if (praise && !complaint) kinds.push('praise');
  if (complaint && !praise) kinds.push('complaint');
  return kinds;
}

/** True when a message is about a complaint's problem in a helpful or positive way. */
export function isSupportive(text: string, brand: BrandMatcher): boolean {
  const complaint = matchesCue(STRONG_COMPLAINT, text) || negatedPraise(text);
  return !complaint && (matchesCue(PRAISE, text) || matchesCue(RECOMMENDATION, text) || brand.mentions(text) && !matchesCue(WEAK_COMPLAINT, text));
}
