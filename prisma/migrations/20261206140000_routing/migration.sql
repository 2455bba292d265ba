-- Routing (issue 16): settings, questions waiting for an answer, helpers asked (daily limits),
-- mention opt-outs, and hand-offs to moderators.
-- CreateTable
CREATE TABLE "RoutingSettings" (
    "communityId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "delayMinutes" INTEGER NOT NULL DEFAULT 10,
    "mode" TEXT NOT NULL DEFAULT 'mention',
    "dailyLimit" INTEGER NOT NULL DEFAULT 3,
    "channels" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingSettings_pkey" PRIMARY KEY ("communityId")
);

-- CreateTable
CREATE TABLE "RoutingQuestion" (
    "id" SERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "askerMemberId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "checkedAt" TIMESTAMP(3),

    CONSTRAINT "RoutingQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoutingAsk" (
    "id" SERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "questionId" INTEGER NOT NULL,
    "helperMemberId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingAsk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoutingOptOut" (
    "memberId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "noMentions" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingOptOut_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "Handoff" (
    "id" SERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "threadOf" TEXT NOT NULL,
    "askerMemberId" TEXT NOT NULL,
    "question" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "closerMemberId" TEXT,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoutingQuestion_communityId_channelId_status_idx" ON "RoutingQuestion"("communityId", "channelId", "status");

-- CreateIndex
CREATE INDEX "RoutingQuestion_askerMemberId_idx" ON "RoutingQuestion"("askerMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "RoutingQuestion_communityId_messageId_key" ON "RoutingQuestion"("communityId", "messageId");

-- CreateIndex
CREATE INDEX "RoutingAsk_communityId_helperMemberId_day_idx" ON "RoutingAsk"("communityId", "helperMemberId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "RoutingAsk_questionId_helperMemberId_key" ON "RoutingAsk"("questionId", "helperMemberId");

-- CreateIndex
CREATE INDEX "RoutingOptOut_communityId_idx" ON "RoutingOptOut"("communityId");

-- CreateIndex
CREATE INDEX "Handoff_communityId_status_idx" ON "Handoff"("communityId", "status");

-- CreateIndex
CREATE INDEX "Handoff_communityId_channelId_threadOf_idx" ON "Handoff"("communityId", "channelId", "threadOf");

-- CreateIndex
CREATE INDEX "Handoff_askerMemberId_idx" ON "Handoff"("askerMemberId");
