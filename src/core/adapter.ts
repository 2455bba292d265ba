// What every platform adapter (console, Slack, Discord) provides and receives. Adapters are thin:
// translate (payload -> ChatEvent / CommandInvocation), render (OutgoingMessage -> platform
// message), errors (SDK error -> PlatformError), and an index that wires them.
import type { Actor, ButtonPressed, ChatEvent } from './events.ts';
import type { Platform } from './ids.ts';
import type { HomeView } from './home/home-view.ts';
import type { OutgoingMessage, Replier } from './outgoing.ts';
import type { CommunityRoles } from './rewards/ports.ts';

export interface CommandInvocation {
  platform: Platform;
  /** Unique per invocation (Slack trigger_id, Discord interaction id); a replay is ignored. */
  invocationId: string;
  communityId: string;
  communityName?: string;
  channelId: string;
  channelName?: string;
  actor: Actor;
  command: string;
  /** Text after the command name, for platforms that deliver text (console, Slack). */
  text?: string;
  /** Options the platform already typed and named (Discord); member/channel values are opaque ids. */
  subcommand?: string;
  options?: Record<string, string | number | boolean>;
  occurredAt: Date;
  /** Turns what a person typed for a member or channel ("@alice", "<@U1>", "#general") into an id. */
  resolver?: ReferenceResolver;
}

export interface ReferenceResolver {
  member(raw: string): Promise<string | null>;
  channel(raw: string): Promise<string | null>;
}

export interface CommandResponder {
  reply(message: OutgoingMessage, options: { ephemeral: boolean }): Promise<void>;
}

export interface EventDelivery {
  /**
   * Called as soon as the event is kept for good (stored, or spooled while the database is away),
   * before the features have run: the moment a platform that redelivers (Slack over HTTP) may be
   * acknowledged. Not called when the event could not be kept (onEvent then rejects).
   */
  durable?(): void;
}

/** A community's platform took Rapport away (paused: uninstalled, tokens revoked) or gave it back. */
export interface CommunityStatus {
  communityId: string;
  communityName?: string;
  paused: boolean;
  /** Why, for the log and the community row ("app_uninstalled", "tokens_revoked", "guild_removed", "installed", or "present": seen at start-up, a write only when paused). */
  reason: string;
}

/** A member opened their home page in Rapport (Slack's App Home). */
export interface HomeRequest {
  communityId: string;
  communityName?: string;
  actor: Actor;
}

/**
 * A form (Slack modal, Discord modal) a button opens instead of being handled as a press. When it
 * is submitted, the adapter runs `command` with `options` plus one option per field (its id, the
 * text typed), like any command invocation: the command validates and answers the member alone.
 */
export interface FormSpec {
  title: string;
  submitLabel: string;
  command: string;
  subcommand?: string;
  options: Record<string, string | number | boolean>;
  fields: FormField[];
}

export interface FormField {
  /** The option the value goes to (lower-case). */
  id: string;
  label: string;
  /** Prefilled text. */
  value: string;
  multiline: boolean;
  /** What the form lets a member type (the platforms cap it too: Slack 3,000, Discord 4,000). */
  maxLength: number;
}

export interface AdapterHandlers {
  /** Records and routes a chat event. Resolves once handled; slow feature work may continue in jobs. */
  onEvent(event: ChatEvent, delivery?: EventDelivery): Promise<void>;
  onCommand(invocation: CommandInvocation, responder: CommandResponder): Promise<void>;
  /** Pauses or resumes a community (src/core/community-pauses.ts). */
  onCommunityStatus?(status: CommunityStatus): Promise<void>;
  /**
   * The communities a platform says the bot is in at start-up: a known community of that platform
   * that this process serves (`owns`: its shard) and that is missing was left while Rapport was
   * offline, and is paused.
   */
  onCommunitiesPresent?(input: { platform: Platform; present: readonly string[]; owns(communityId: string): boolean }): Promise<void>;
  /** What the member's home page shows (src/core/home/member-home.ts). */
  onHomeOpened?(request: HomeRequest): Promise<HomeView>;
  /**
   * The form this button press opens, or null to handle it as a press. Adapters that can show
   * forms ask before acknowledging a press (a Discord modal must be the interaction's first answer;
   * a Slack trigger_id lasts 3 seconds), so it answers at once (one lookup).
   */
  formFor?(event: ButtonPressed): Promise<FormSpec | null>;
}

export interface ChatAdapter {
  readonly platform: Platform;
  readonly replier: Replier;
  /** The platform's roles (Discord), for role rewards; absent where there are none. */
  readonly roles?: CommunityRoles;
  start(handlers: AdapterHandlers): Promise<void>;
  stop(): Promise<void>;
}

export type { Actor };
