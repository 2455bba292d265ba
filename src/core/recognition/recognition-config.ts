// The recognition scoring model's knobs, validated with zod. Every field has a documented default
// so `parseRecognitionConfig({})` is a working model; an operator overrides single fields with a
// JSON file named in RAPPORT_SCORING_FILE (src/scoring-file.ts; fields listed in docs/recognition.md).
//
// The model in one paragraph (also in the README): every message earns engagement, with a
// per-member cooldown and diminishing returns inside a window, and short messages earn less.
// Helper points come from helping others: a reply to another member earns `replyWeight`, a reply
// to someone who asked a question shortly before earns `answerWeight`, being thanked earns
// `thanksWeight` (a thank-you reaction `thanksReactionWeight`). Each credit is scaled by how sure
// we are who answered whom (explicit reply 1, mention 1, name at line start 0.9, timing less) and
// by a per giver→receiver pair factor: the n-th credit of the same kind between the same two
// people on one day counts `pairDecay^n`, and nothing after `pairCapPerDay`. Nobody earns from
// themselves, from bots or for talking to bots; staff can be excluded. Scores are kept three ways
// per member: a decayed "current standing" (exponential, half-life per kind, O(1) per event),
// totals for the current week and month (with the previous period for "most improved"), and
// all-time totals.
//
// The weights and confidences that decide helper points were fitted on the train export only
// (eval/datasets/ubuntu-irc-train; scripts/recognition-sensitivity.ts --search: each at 0.5x and
// 1.5x, one at a time, kept when P@5+P@10+P@20 on train rises); the dev export was never used to
// choose them. docs/evaluation.md has the steps and the sensitivity table.
import { z } from 'zod';

export const recognitionConfigSchema = z.object({
  /** Half-life of the decayed engagement standing, in days. */
  engagementHalfLifeDays: z.number().positive().default(14),
  /** Half-life of the decayed helper standing, in days. */
  helperHalfLifeDays: z.number().positive().default(30),

  /** Engagement for one ordinary message before cooldown and diminishing returns. */
  messageWeight: z.number().min(0).default(1),
  /** Messages with at most this many words are "short" and earn `shortMessageFactor` of the weight. */
  shortMessageMaxWords: z.number().int().min(0).default(2),
  shortMessageFactor: z.number().min(0).max(1).default(0.25),
  /** A member's messages closer together than this earn no engagement. */
  messageCooldownSeconds: z.number().min(0).default(15),
  /** Diminishing returns: the n-th credited message inside the window earns weight / (1 + n * factor). */
  messageWindowMinutes: z.number().positive().default(60),
  diminishingFactor: z.number().min(0).default(0.5),

  /** Helper points for replying to another member (not after a question). */
  replyWeight: z.number().min(0).default(0.45),
  /** Helper points for a help-seeker's reply to the member helping them (a follow-up, not help). */
  followUpWeight: z.number().min(0).default(0),
  /** Helper points for replying to a member who asked a question within `answerWindowMinutes`. */
  answerWeight: z.number().min(0).default(0.5),
  /**
   * Extra helper points for the first help to a member this month ("helped 14 people this month"),
   * not scaled by inference confidence. Worth two answers: breadth of help (distinct people) is
   * what marks an ambassador, more than a long exchange with one person.
   */
  newPersonWeight: z.number().min(0).default(2),
  /** Helper points for a thank-you message received. */
  thanksWeight: z.number().min(0).default(0.5),
  /** Helper points for an answer a moderator accepted into the knowledge base (learning). */
  acceptedAnswerWeight: z.number().min(0).default(3),
  /** Helper points for a thank-you reaction (🙏, ❤️) received. */
  thanksReactionWeight: z.number().min(0).default(0.5),
  /** Engagement for any other reaction received (👍, 🎉). */
  reactionWeight: z.number().min(0).default(0.2),
  /** Share of every helper point that also counts as engagement. */
  engagementFromHelp: z.number().min(0).default(0.5),

  /** The n-th credit between the same giver and receiver on one day counts pairDecay^n. */
  pairDecay: z.number().min(0).max(1).default(0.5),
  /** After this many credits per giver→receiver pair, kind and day, nothing more counts. */
  pairCapPerDay: z.number().int().min(1).default(4),

  /** A question stays open for answers this long. */
  answerWindowMinutes: z.number().positive().default(15),
  /** Two members who exchanged messages within this time are still in the same conversation. */
  conversationWindowMinutes: z.number().positive().default(5),
  /** Confidence of inferences that use no explicit link. */
  namePrefixConfidence: z.number().min(0).max(1).default(0.9),
  /** A recently active member's name elsewhere in the message ("try LXDE bob"). */
  nameInTextConfidence: z.number().min(0).max(1).default(1),
  conversationConfidence: z.number().min(0).max(1).default(0.6),
  openQuestionConfidence: z.number().min(0).max(1).default(0.4),
  /** Inferences below this confidence earn nothing. */
  minConfidence: z.number().min(0).max(1).default(0.3),
  /** At or above this score a message asks for help: asksForHelp of the question detector (question-detector.ts), or an injected detector's 0..1. */
  questionThreshold: z.number().min(0).max(1).default(0.5),

  /** Staff (moderators) earn no points and do not appear on leaderboards. */
  excludeStaff: z.boolean().default(false),
  /** Keep per-channel scores too (doubles the writes per event). */
  channelScores: z.boolean().default(true),
  /** IANA time zone that decides where weeks (Monday) and months start. */
  timeZone: z.string().min(1).default('UTC'),
  /** Distinct people helped per period are exact up to this many, then estimated (KMV sketch). */
  distinctSketchSize: z.number().int().min(4).max(1024).default(64),
  /**
   * Bounded memory for conversation tracking: members remembered per channel (recent messages:
   * twice that) and channels remembered at once. Worst case about
   * maxTrackedChannels × 9 × maxTrackedPerChannel small entries, one of them each member's last
   * topic words (at most 12), ≈ 80 MB at the defaults; typical use is far below, as maps only
   * hold what was seen lately.
   */
  maxTrackedPerChannel: z.number().int().min(16).default(256),
  maxTrackedChannels: z.number().int().min(2).default(256),
});

export type RecognitionConfig = z.infer<typeof recognitionConfigSchema>;
export type RecognitionConfigInput = z.input<typeof recognitionConfigSchema>;

export function parseRecognitionConfig(input: RecognitionConfigInput = {}): RecognitionConfig {
  return recognitionConfigSchema.parse(input);
}

export const defaultRecognitionConfig: RecognitionConfig = parseRecognitionConfig({});
