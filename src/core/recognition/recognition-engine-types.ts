// What the recognition engine (recognition-engine.ts) promises and needs: the credits it gives,
// what it says about a message, its methods and its dependencies.
import type { Clock } from '../clock.ts';
import type { Actor, MemberJoined, MessagePosted, ReactionChanged } from '../events.ts';
import type { QuestionDetector } from '../answers/detect/question-detector.ts';
import type { ReplyTarget } from './conversation-tracker.ts';
import type { RecognitionConfig, RecognitionConfigInput } from './recognition-config.ts';
import type { RecognitionQueries } from './recognition-queries.ts';
import type { ScoreStore } from './score-store.ts';
import type { ThanksMatch } from './thanks-detector.ts';

export type CreditReason = 'message' | 'reply' | 'answer' | 'thanks' | 'thanks-reaction' | 'reaction' | 'accepted-answer';

export interface GivenCredit {
  memberId: string;
  reason: CreditReason;
  engagement: number;
  helper: number;
  /** The other member involved (who was helped, who thanked, who reacted). */
  from?: string;
}

export interface MessageOutcome {
  /** False for bots, duplicates and (with excludeStaff) nothing else: staff messages still shape inference. */
  counted: boolean;
  isQuestion: boolean;
  thanks: ThanksMatch | null;
  /** Whom the message answers, or thanks when `thanks` is set. */
  targets: ReplyTarget[];
  credits: GivenCredit[];
}


export interface RecognitionEngine extends RecognitionQueries {
  readonly config: RecognitionConfig;
  onMessage(message: MessagePosted): Promise<MessageOutcome>;
  onReaction(reaction: ReactionChanged): Promise<GivenCredit[]>;
  onMemberJoined(event: MemberJoined): Promise<void>;
  /**
   * A moderator accepted the member's answer into the knowledge base (learning): helper points
   * (`acceptedAnswerWeight`) and one more answer, for helping `helpedId`. Once per suggestion: the
   * caller passes `creditId` (the suggestion), a repeat is ignored.
   */
  onAnswerAccepted(input: { communityId: string; channelId?: string; memberId: string; helpedId: string; creditId: string; at: Date }): Promise<GivenCredit | null>;
}

export interface RecognitionEngineDeps {
  config?: RecognitionConfigInput;
  store: ScoreStore;
  clock?: Clock;
  detectQuestion?: QuestionDetector;
  /**
   * False for members who must never be scored or ranked (privacy opt-out). Their messages and
   * reactions count for nobody, and nobody earns anything from or for them.
   */
  mayScore?: (communityId: string, memberId: string) => boolean | Promise<boolean>;
  /**
   * Who a member is when the engine has not seen them act since it started (thanks or a reaction
   * to someone quiet since a restart). Without it, such credits are dropped.
   */
  resolveMember?: (communityId: string, memberId: string) => Promise<Actor | null>;
}

