-- Scores become counters that every process adds to with atomic increments (issues 14 and 18):
-- MemberScore keeps a member's standing (name, decayed standings, pacing, first and last seen),
-- ScoreTally the counters of each week, month and all time, ScoreHelped who was helped in each,
-- and ScoreWrite the writes already applied. The JSON states are converted here, then dropped.

-- CreateTable
CREATE TABLE "ScoreTally" (
    "scopeId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "key" INTEGER NOT NULL,
    "engagement" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "helper" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "replies" INTEGER NOT NULL DEFAULT 0,
    "answers" INTEGER NOT NULL DEFAULT 0,
    "thanks" INTEGER NOT NULL DEFAULT 0,
    "reactions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ScoreTally_pkey" PRIMARY KEY ("scopeId","memberId","period","key")
);

-- CreateTable
CREATE TABLE "ScoreHelped" (
    "scopeId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "key" INTEGER NOT NULL,
    "helped" BIGINT NOT NULL,

    CONSTRAINT "ScoreHelped_pkey" PRIMARY KEY ("scopeId","memberId","period","key","helped")
);

-- CreateTable
CREATE TABLE "ScoreWrite" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoreWrite_pkey" PRIMARY KEY ("id")
);

-- AlterTable: the standing's own columns, filled from the JSON state.
ALTER TABLE "MemberScore" ADD COLUMN "displayName" TEXT NOT NULL DEFAULT '',
ADD COLUMN "isStaff" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "engagement" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "engagementAt" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "helper" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "helperAt" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "paceLastAt" DOUBLE PRECISION NOT NULL DEFAULT -1e300,
ADD COLUMN "paceWindowStart" DOUBLE PRECISION NOT NULL DEFAULT -1e300,
ADD COLUMN "paceWindowCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "firstSeenAt" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "lastSeenAt" DOUBLE PRECISION NOT NULL DEFAULT 0;

UPDATE "MemberScore" SET
  "displayName" = COALESCE("state"->>'displayName', ''),
  "isStaff" = COALESCE(("state"->>'isStaff')::boolean, false),
  "engagement" = COALESCE(("state"->'engagement'->>'value')::float8, 0),
  "engagementAt" = COALESCE(("state"->'engagement'->>'at')::float8, 0),
  "helper" = COALESCE(("state"->'helper'->>'value')::float8, 0),
  "helperAt" = COALESCE(("state"->'helper'->>'at')::float8, 0),
  "paceLastAt" = COALESCE(("state"->'pace'->>'lastAt')::float8, -1e300),
  "paceWindowStart" = COALESCE(("state"->'pace'->>'windowStart')::float8, -1e300),
  "paceWindowCount" = COALESCE(("state"->'pace'->>'windowCount')::int, 0),
  "firstSeenAt" = COALESCE(("state"->>'firstSeenAt')::float8, 0),
  "lastSeenAt" = COALESCE(("state"->>'lastSeenAt')::float8, 0);

-- Every tally the state held: all time, the open week and month, and the closed ones.
WITH tallies AS (
  SELECT s."scopeId", s."memberId", s."communityId", 'all' AS "period", s."state"->'all' AS t, NULL::int AS "helpedPeople" FROM "MemberScore" s
  UNION ALL SELECT s."scopeId", s."memberId", s."communityId", 'week', s."state"->'week', NULL FROM "MemberScore" s
  UNION ALL SELECT s."scopeId", s."memberId", s."communityId", 'month', s."state"->'month', NULL FROM "MemberScore" s
  UNION ALL SELECT s."scopeId", s."memberId", s."communityId", 'week', c, (c->>'helpedPeople')::int FROM "MemberScore" s, jsonb_array_elements(COALESCE(s."state"->'closedWeeks', '[]'::jsonb)) AS c
  UNION ALL SELECT s."scopeId", s."memberId", s."communityId", 'month', c, (c->>'helpedPeople')::int FROM "MemberScore" s, jsonb_array_elements(COALESCE(s."state"->'closedMonths', '[]'::jsonb)) AS c
), kept AS (
  SELECT * FROM tallies WHERE t IS NOT NULL AND jsonb_typeof(t) = 'object' AND (t->>'key')::int >= 0
), counters AS (
  INSERT INTO "ScoreTally" ("scopeId", "memberId", "communityId", "period", "key", "engagement", "helper", "messages", "replies", "answers", "thanks", "reactions")
  SELECT "scopeId", "memberId", "communityId", "period", (t->>'key')::int,
    COALESCE((t->>'engagement')::float8, 0), COALESCE((t->>'helper')::float8, 0),
    COALESCE((t->>'messages')::int, 0), COALESCE((t->>'replies')::int, 0), COALESCE((t->>'answers')::int, 0),
    COALESCE((t->>'thanks')::int, 0), COALESCE((t->>'reactions')::int, 0)
  FROM kept
  ON CONFLICT DO NOTHING
  RETURNING 1
), sketched AS (
  -- Open tallies kept a sketch of hashes: each hash is a person helped.
  INSERT INTO "ScoreHelped" ("scopeId", "memberId", "communityId", "period", "key", "helped")
  SELECT k."scopeId", k."memberId", k."communityId", k."period", (k.t->>'key')::int, h::bigint
  FROM kept k, jsonb_array_elements_text(COALESCE(k.t->'helped', '[]'::jsonb)) AS h
  WHERE k."helpedPeople" IS NULL
  ON CONFLICT DO NOTHING
  RETURNING 1
)
-- Closed tallies kept only a count, and a full sketch (64 hashes) stood for more people than it
-- held: the people beyond the hashes are kept as placeholder rows with negative ids (never a real
-- hash), so every count stays what it was.
INSERT INTO "ScoreHelped" ("scopeId", "memberId", "communityId", "period", "key", "helped")
SELECT k."scopeId", k."memberId", k."communityId", k."period", (k.t->>'key')::int, -n
FROM kept k,
  LATERAL (SELECT CASE
    WHEN k."helpedPeople" IS NOT NULL THEN k."helpedPeople"
    WHEN jsonb_array_length(COALESCE(k.t->'helped', '[]'::jsonb)) >= 64
      THEN round(((jsonb_array_length(k.t->'helped') - 1) * 4294967296.0) / ((k.t->'helped'->>(jsonb_array_length(k.t->'helped') - 1))::float8 + 1))::int - jsonb_array_length(k.t->'helped')
    ELSE 0 END AS extra) e,
  generate_series(1, GREATEST(e.extra, 0)) AS n
ON CONFLICT DO NOTHING;

ALTER TABLE "MemberScore" DROP COLUMN "state",
DROP COLUMN "version",
DROP COLUMN "writeId",
ALTER COLUMN "displayName" DROP DEFAULT,
ALTER COLUMN "paceLastAt" DROP DEFAULT,
ALTER COLUMN "paceWindowStart" DROP DEFAULT,
ALTER COLUMN "firstSeenAt" DROP DEFAULT,
ALTER COLUMN "lastSeenAt" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "MemberScore_communityId_idx" ON "MemberScore"("communityId");

-- CreateIndex
CREATE INDEX "ScoreTally_memberId_idx" ON "ScoreTally"("memberId");

-- CreateIndex
CREATE INDEX "ScoreTally_communityId_idx" ON "ScoreTally"("communityId");

-- CreateIndex
CREATE INDEX "ScoreHelped_memberId_idx" ON "ScoreHelped"("memberId");

-- CreateIndex
CREATE INDEX "ScoreHelped_communityId_idx" ON "ScoreHelped"("communityId");

-- CreateIndex
CREATE INDEX "ScoreWrite_at_idx" ON "ScoreWrite"("at");

-- AddForeignKey
ALTER TABLE "ScoreTally" ADD CONSTRAINT "ScoreTally_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreHelped" ADD CONSTRAINT "ScoreHelped_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
