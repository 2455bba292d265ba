// How far the recognition state in memory reflects the stored events, per community: the pipeline
// reports each event stored (with its ActivityEvent id, increasing) and each event routed (the
// features, recognition among them, have seen it). `settled` is, per community, the highest id
// such that every event this process stored up to it has been routed. Recognition writes it as
// the community's watermark together with a flush, so after a crash the events above it are known
// to be missing from the scores (rebuild-scores.ts). Exact with one process per database; with
// several, run `rapport scores rebuild` after a crash.
export interface ScoreProgress {
  stored(communityId: string, id: number): void;
  routed(communityId: string, id: number): void;
  settled(): Map<string, number>;
}

export function createScoreProgress(): ScoreProgress {
  const communities = new Map<string, { inFlight: Set<number>; routed: number }>();
  const of = (communityId: string) => {
    let entry = communities.get(communityId);
    if (!entry) {
      entry = { inFlight: new Set(), routed: 0 };
      communities.set(communityId, entry);
    }
    return entry;
  };
  return {
    stored: (communityId, id) => void of(communityId).inFlight.add(id),
    routed(communityId, id) {
      const entry = of(communityId);
      entry.inFlight.delete(id);
      if (id > entry.routed) entry.routed = id;
    },
    settled() {
      const marks = new Map<string, number>();
      for (const [communityId, entry] of communities) {
        let mark = entry.routed;
        for (const id of entry.inFlight) if (id - 1 < mark) mark = id - 1;
        if (mark > 0) marks.set(communityId, mark);
      }
      return marks;
    },
  };
}
