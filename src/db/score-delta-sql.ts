// Adds score deltas (src/core/recognition/score-delta.ts) to the stored counters in ONE statement,
// so all of a batch lands or none of it, and once per write id: the statement first records the
// id in ScoreWrite, and adds nothing when it was there already (a batch sent again after its reply
// was lost). Every counter is `column = column + increment`, the decayed standings add the two
// decayed sums at the later of their moments, the newest pacing wins and first/last seen widen:
// each is commutative, so any number of processes can write the same member in any order.
// Members erased meanwhile are dropped by the join with Member. Runs on any RawQuery, so a caller
// in a transaction (rapport import scores) adds its deltas in that transaction.
import type { HalfLives, ScoreDelta } from '../core/recognition/score-delta.ts';
import { DAY_MS } from '../core/recognition/decayed-value.ts';
import { jsonParam, type RawQuery } from './raw-query.ts';

/** ±Infinity as the store keeps it (JSON has no infinities; comparisons behave the same). */
const FAR = 1e300;
const finite = (x: number): number => (x > FAR ? FAR : x < -FAR ? -FAR : x);

/** `v` decayed over `dt` ms (dt ≥ 0): past 60 half-lives it is nothing (and PostgreSQL's power() would underflow). */
function decayed(v: string, dt: string, halfLife: string): string {
  return `CASE WHEN (${dt}) / ${halfLife} > 60 THEN 0 ELSE ${v} * power(2::float8, -((${dt}) / ${halfLife})) END`;
}

/** Adds two decayed sums (value `c`, moment `cAt`) as addDecayed does (decayed-value.ts). */
function addDecayedSql(c: string, halfLife: string): string {
  const old = `s."${c}"`;
  const oldAt = `s."${c}At"`;
  const add = `EXCLUDED."${c}"`;
  const addAt = `EXCLUDED."${c}At"`;
  return `"${c}" = CASE WHEN ${addAt} >= ${oldAt} THEN ${decayed(old, `${addAt} - ${oldAt}`, halfLife)} + ${add} ELSE ${old} + ${decayed(add, `${oldAt} - ${addAt}`, halfLife)} END,
    "${c}At" = GREATEST(${oldAt}, ${addAt})`;
}

const STATEMENT = `
WITH w AS (
  INSERT INTO "ScoreWrite" ("id") VALUES ($1) ON CONFLICT DO NOTHING RETURNING "id"
), m AS (
  INSERT INTO "MemberScore" AS s ("scopeId", "memberId", "communityId", "displayName", "isStaff", "engagement", "engagementAt", "helper", "helperAt",
    "paceLastAt", "paceWindowStart", "paceWindowCount", "firstSeenAt", "lastSeenAt", "updatedAt")
  SELECT v."s", v."m", mem."communityId", v."n", v."st", v."e", v."ea", v."h", v."ha", v."pl", v."pw", v."pc", v."f", GREATEST(v."l", v."f"), now()
  FROM jsonb_to_recordset($2::jsonb) AS v("s" text, "m" text, "n" text, "st" boolean, "e" float8, "ea" float8, "h" float8, "ha" float8, "pl" float8, "pw" float8, "pc" int, "f" float8, "l" float8)
  JOIN "Member" mem ON mem."id" = v."m"
  WHERE EXISTS (SELECT 1 FROM w)
  ON CONFLICT ("scopeId", "memberId") DO UPDATE SET
    "displayName" = EXCLUDED."displayName",
    "isStaff" = EXCLUDED."isStaff",
    ${addDecayedSql('engagement', '$5::float8')},
    ${addDecayedSql('helper', '$6::float8')},
    "paceLastAt" = GREATEST(s."paceLastAt", EXCLUDED."paceLastAt"),
    "paceWindowStart" = CASE WHEN EXCLUDED."paceLastAt" > s."paceLastAt" THEN EXCLUDED."paceWindowStart" ELSE s."paceWindowStart" END,
    "paceWindowCount" = CASE WHEN EXCLUDED."paceLastAt" > s."paceLastAt" THEN EXCLUDED."paceWindowCount" ELSE s."paceWindowCount" END,
    "firstSeenAt" = LEAST(s."firstSeenAt", EXCLUDED."firstSeenAt"),
    "lastSeenAt" = GREATEST(s."lastSeenAt", EXCLUDED."lastSeenAt"),
    "updatedAt" = now()
  RETURNING 1
), t AS (
  INSERT INTO "ScoreTally" AS s ("scopeId", "memberId", "communityId", "period", "key", "engagement", "helper", "messages", "replies", "answers", "thanks", "reactions")
  SELECT v."s", v."m", mem."communityId", v."p", v."k", v."e", v."h", v."msg", v."rep", v."ans", v."thx", v."rea"
  FROM jsonb_to_recordset($3::jsonb) AS v("s" text, "m" text, "p" text, "k" int, "e" float8, "h" float8, "msg" int, "rep" int, "ans" int, "thx" int, "rea" int)
  JOIN "Member" mem ON mem."id" = v."m"
  WHERE EXISTS (SELECT 1 FROM w)
  ON CONFLICT ("scopeId", "memberId", "period", "key") DO UPDATE SET
    "engagement" = s."engagement" + EXCLUDED."engagement",
    "helper" = s."helper" + EXCLUDED."helper",
    "messages" = s."messages" + EXCLUDED."messages",
    "replies" = s."replies" + EXCLUDED."replies",
    "answers" = s."answers" + EXCLUDED."answers",
    "thanks" = s."thanks" + EXCLUDED."thanks",
    "reactions" = s."reactions" + EXCLUDED."reactions"
  RETURNING 1
), h AS (
  INSERT INTO "ScoreHelped" ("scopeId", "memberId", "communityId", "period", "key", "helped")
  SELECT v."s", v."m", mem."communityId", v."p", v."k", v."x"
  FROM jsonb_to_recordset($4::jsonb) AS v("s" text, "m" text, "p" text, "k" int, "x" bigint)
  JOIN "Member" mem ON mem."id" = v."m"
  WHERE EXISTS (SELECT 1 FROM w)
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM w) AS "applied"`;

/** Applied write ids are kept a day: long past any retry. */
const PRUNE = `DELETE FROM "ScoreWrite" WHERE "at" < now() - interval '1 day'`;
let sinceprune = 0;

export async function applyScoreDeltas(query: RawQuery, deltas: readonly ScoreDelta[], write: { writeId: string; halfLives: HalfLives }): Promise<boolean> {
  const members: unknown[] = [];
  const tallies: unknown[] = [];
  const helped: unknown[] = [];
  for (const d of deltas) {
    members.push({
      s: d.scopeId,
      m: d.memberId,
      n: d.displayName,
      st: d.isStaff,
      e: d.engagement.value,
      ea: finite(d.engagement.at),
      h: d.helper.value,
      ha: finite(d.helper.at),
      pl: finite(d.pace.lastAt),
      pw: finite(d.pace.windowStart),
      pc: d.pace.windowCount,
      f: finite(d.firstSeenAt),
      l: finite(d.lastSeenAt),
    });
    for (const t of d.tallies.values()) {
      tallies.push({ s: d.scopeId, m: d.memberId, p: t.period, k: t.key, e: t.engagement, h: t.helper, msg: t.messages, rep: t.replies, ans: t.answers, thx: t.thanks, rea: t.reactions });
    }
    for (const x of d.helped.values()) helped.push({ s: d.scopeId, m: d.memberId, p: x.period, k: x.key, x: x.hash });
  }
  const [row] = await query<{ applied: boolean }>(STATEMENT, [
    write.writeId,
    jsonParam(members),
    jsonParam(tallies),
    jsonParam(helped),
    write.halfLives.engagementHalfLifeDays * DAY_MS,
    write.halfLives.helperHalfLifeDays * DAY_MS,
  ]);
  if (++sinceprune >= 100) {
    sinceprune = 0;
    await query(PRUNE, []);
  }
  return row?.applied === true;
}
