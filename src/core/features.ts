// Features register for the events they care about (probot's ApplicationFunction): main.ts calls
// each feature's register function; nothing registers itself at import time.
import type { ChatEventType, EventOfType } from './events.ts';
import type { CommunityRecord, Language } from './ports.ts';
import type { Services } from './services.ts';

export interface EventContext {
  community: CommunityRecord;
  /** The language to speak to the event's actor in. */
  language: Language;
  services: Services;
}

export type EventHandler<T extends ChatEventType> = (event: EventOfType<T>, context: EventContext) => Promise<void>;

export interface FeatureRegistry {
  on<T extends ChatEventType>(type: T, handler: EventHandler<T>): void;
}

export type Feature = (registry: FeatureRegistry, services: Services) => void | Promise<void>;

export interface HandlerTable {
  handlersFor<T extends ChatEventType>(type: T): ReadonlyArray<EventHandler<T>>;
}

export function createFeatureRegistry(): FeatureRegistry & HandlerTable {
  const table = new Map<ChatEventType, Array<EventHandler<never>>>();
  return {
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
