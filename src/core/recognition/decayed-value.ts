// An exponentially decaying accumulator kept as plain JSON: the value as of `at` (epoch ms).
// Reading or adding decays it to the moment in question, so every update is O(1) and nothing
// rereads history. Events older than `at` (late or out-of-order) are decayed to `at` and added
// without moving time backwards.

export interface DecayedValue {
  value: number;
  /** Epoch milliseconds the value is expressed at. */
  at: number;
}

export function emptyDecayed(): DecayedValue {
  return { value: 0, at: 0 };
}

/** 2^(-elapsed / halfLife): the share of a value left after `elapsedMs`. */
export function decayFactor(elapsedMs: number, halfLifeMs: number): number {
  if (elapsedMs <= 0) return 1;
  return Math.pow(2, -elapsedMs / halfLifeMs);
}

/** The value as of `now` (never negative elapsed time). */
export function readDecayed(acc: DecayedValue, now: number, halfLifeMs: number): number {
  return acc.value * decayFactor(now - acc.at, halfLifeMs);
}

/** Adds `amount` at time `when`, mutating and returning `acc`. */
export function addDecayed(acc: DecayedValue, amount: number, when: number, halfLifeMs: number): DecayedValue {
  if (when >= acc.at) {
    acc.value = acc.value * decayFactor(when - acc.at, halfLifeMs) + amount;
    acc.at = when;
  } else {
    acc.value += amount * decayFactor(acc.at - when, halfLifeMs);
  }
  return acc;
}

export const DAY_MS = 86_400_000;
