-- Learning from solved threads (issue 15): knowledge-base suggestions waiting for a moderator.
-- CreateTable
CREATE TABLE "LearningSuggestion" (
    "id" SERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "questionMessageId" TEXT NOT NULL,
    "askerMemberId" TEXT NOT NULL,
    "creditedMemberId" TEXT NOT NULL,
    "questionText" TEXT NOT NULL,
    "answerText" TEXT NOT NULL,
    "answerMessageIds" TEXT[] NOT NULL,
    "signal" TEXT NOT NULL,
    "signalMessageId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "imported" BOOLEAN NOT NULL DEFAULT false,
    "entryKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "resultKey" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LearningSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LearningSuggestion_communityId_questionMessageId_key" ON "LearningSuggestion"("communityId", "questionMessageId");

-- CreateIndex
CREATE INDEX "LearningSuggestion_communityId_status_createdAt_idx" ON "LearningSuggestion"("communityId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "LearningSuggestion_creditedMemberId_idx" ON "LearningSuggestion"("creditedMemberId");

-- CreateIndex
CREATE INDEX "LearningSuggestion_askerMemberId_idx" ON "LearningSuggestion"("askerMemberId");
