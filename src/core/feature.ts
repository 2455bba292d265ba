// Features register for the events they care about (probot's ApplicationFunction): main.ts calls
// each feature's register function; nothing registers itself at import time. A feature names the
// ports it needs and its register function receives exactly those, typed from the names:
//
//   export const shoutoutsFeature = defineFeature({ name: 'shoutouts', needs: ['shoutouts', 'logger'], async register(registry, { shoutouts, logger }) { ... } });
import type { Deps, PortName } from './app-ports.ts';
import type { FormSpec } from './adapter.ts';
import type { ButtonPressed, ChatEventType, EventOfType } from './events.ts';
import type { CommunityRecord, Language } from './ports.ts';

export interface EventContext {
  community: CommunityRecord;
  /** The language to speak to the event's actor in. */
  language: Language;
}

export type EventHandler<T extends ChatEventType> = (event: EventOfType<T>, context: EventContext) => Promise<void>;

/** Gives the form a button opens (adapter.ts FormSpec), or null to handle the press as usual. */
export type FormProvider = (event: ButtonPressed, context: EventContext) => Promise<FormSpec | null>;

export interface FeatureRegistry {
  on<T extends ChatEventType>(type: T, handler: EventHandler<T>): void;
  /** A button (by action id) that opens a form where the platform can show one. */
  form(actionId: string, provider: FormProvider): void;
}

export interface FeatureDefinition<N extends PortName = PortName> {
  /** Names the feature in logs and benchmarks. */
  name: string;
  /** The ports `register` receives (none when omitted). */
  needs?: readonly N[];
  register(registry: FeatureRegistry, deps: Deps<N>): void | Promise<void>;
}

/** Any feature, whatever it needs (what src/feature-list.ts lists). */
export type Feature = FeatureDefinition<PortName>;

export function defineFeature<N extends PortName = never>(definition: FeatureDefinition<N>): FeatureDefinition<N> {
  return definition;
}

export interface HandlerTable {
  handlersFor<T extends ChatEventType>(type: T): ReadonlyArray<EventHandler<T>>;
  formProvider(actionId: string): FormProvider | undefined;
}

export function createFeatureRegistry(): FeatureRegistry & HandlerTable {
  const table = new Map<ChatEventType, Array<EventHandler<never>>>();
  const forms = new Map<string, FormProvider>();
  return {
    form(actionId, provider) {
      forms.set(actionId, provider);
    },
    formProvider: (actionId) => forms.get(actionId),
    on(type, handler) {
      const list = table.get(type) ?? [];
      list.push(handler as unknown as EventHandler<never>);
      table.set(type, list);
    },
    handlersFor(type) {
      return (table.get(type) ?? []) as unknown as ReadonlyArray<EventHandler<typeof type>>;
    },
  };
}
