-- CreateTable
CREATE TABLE "MemberScore" (
    "scopeId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberScore_pkey" PRIMARY KEY ("scopeId","memberId")
);

-- CreateTable
CREATE TABLE "ScorePair" (
    "pairKey" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "giverMemberId" TEXT NOT NULL,
    "receiverMemberId" TEXT NOT NULL,

    CONSTRAINT "ScorePair_pkey" PRIMARY KEY ("pairKey","day")
);

-- CreateTable
CREATE TABLE "ShoutoutSchedule" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "template" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShoutoutSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShoutoutPost" (
    "scheduleId" TEXT NOT NULL,
    "tick" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShoutoutPost_pkey" PRIMARY KEY ("scheduleId","tick")
);

-- CreateTable
CREATE TABLE "ShoutoutTemplate" (
    "communityId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShoutoutTemplate_pkey" PRIMARY KEY ("communityId","language")
);

-- CreateIndex
CREATE INDEX "MemberScore_memberId_idx" ON "MemberScore"("memberId");

-- CreateIndex
CREATE INDEX "ScorePair_day_idx" ON "ScorePair"("day");

-- CreateIndex
CREATE INDEX "ScorePair_giverMemberId_idx" ON "ScorePair"("giverMemberId");

-- CreateIndex
CREATE INDEX "ScorePair_receiverMemberId_idx" ON "ScorePair"("receiverMemberId");

-- CreateIndex
CREATE INDEX "ShoutoutSchedule_communityId_idx" ON "ShoutoutSchedule"("communityId");

-- AddForeignKey
ALTER TABLE "MemberScore" ADD CONSTRAINT "MemberScore_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShoutoutSchedule" ADD CONSTRAINT "ShoutoutSchedule_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShoutoutPost" ADD CONSTRAINT "ShoutoutPost_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "ShoutoutSchedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShoutoutTemplate" ADD CONSTRAINT "ShoutoutTemplate_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;
