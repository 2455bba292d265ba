// Who is who, learned from the events themselves: display names (for "bob: try apt" and
// "ty bob"), bots and staff. Bounded; a forgotten member is relearned from their next event.
import type { Actor } from '../events.ts';
import { BoundedMap } from './bounded-map.ts';

export interface KnownMember {
  memberId: string;
  communityId: string;
  displayName: string;
  /** The display name trimmed and lower-cased, as names in text are matched. */
  nameKey: string;
  isBot: boolean;
  isStaff: boolean;
}

export class MemberDirectory {
  readonly #byId: BoundedMap<string, KnownMember>;
  readonly #byName = new Map<string, BoundedMap<string, string>>();
  readonly #capacity: number;

  constructor(capacity = 200_000) {
    this.#capacity = capacity;
    this.#byId = new BoundedMap(capacity);
  }

  learn(communityId: string, actor: Actor): KnownMember {
    const known = this.#byId.get(actor.memberId);
    if (known && known.displayName === actor.displayName && known.isBot === actor.isBot && known.isStaff === actor.isModerator) {
      return known;
    }
    const member: KnownMember = {
      memberId: actor.memberId,
      communityId,
      displayName: actor.displayName,
      nameKey: normaliseName(actor.displayName),
      isBot: actor.isBot,
      isStaff: actor.isModerator,
    };
    this.#byId.set(actor.memberId, member);
    if (member.nameKey.length > 0) this.#names(communityId).set(member.nameKey, actor.memberId);
    return member;
  }

  get(memberId: string): KnownMember | undefined {
    return this.#byId.get(memberId);
  }

  findByName(communityId: string, name: string): KnownMember | undefined {
    return this.findByNormalisedName(communityId, normaliseName(name));
  }

  /** Like findByName for a name already trimmed and lower-cased (the hot path). */
  findByNormalisedName(communityId: string, name: string): KnownMember | undefined {
    const id = this.#byName.get(communityId)?.get(name);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  #names(communityId: string): BoundedMap<string, string> {
    let names = this.#byName.get(communityId);
    if (!names) {
      names = new BoundedMap(this.#capacity);
      this.#byName.set(communityId, names);
    }
    return names;
  }
}

export function normaliseName(name: string): string {
  return name.trim().replace(/^@/u, '').toLowerCase();
}
