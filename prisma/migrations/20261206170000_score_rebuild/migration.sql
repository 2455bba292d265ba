-- Scores are derived data: ActivityEvent keeps the chat event (payload) so a community's scores can
-- be rebuilt by replaying its events, and ScoreWatermark records how far the stored scores go.
-- Existing communities start at their newest event: their scores were kept before and are trusted.
-- AlterTable
ALTER TABLE "ActivityEvent" ADD COLUMN "payload" JSONB;

-- CreateTable
CREATE TABLE "ScoreWatermark" (
    "communityId" TEXT NOT NULL,
    "appliedEventId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScoreWatermark_pkey" PRIMARY KEY ("communityId")
);

INSERT INTO "ScoreWatermark" ("communityId", "appliedEventId", "updatedAt")
SELECT "communityId", MAX("id"), now() FROM "ActivityEvent" GROUP BY "communityId";
