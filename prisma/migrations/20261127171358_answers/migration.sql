-- CreateTable
CREATE TABLE "KnowledgeEntry" (
    "communityId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "phrasings" JSONB NOT NULL,
    "tags" JSONB NOT NULL,
    "language" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeEntry_pkey" PRIMARY KEY ("communityId","key")
);

-- CreateTable
CREATE TABLE "AnswerSettings" (
    "communityId" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION,
    "kbVersion" INTEGER NOT NULL DEFAULT 0,
    "feedbackVersion" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnswerSettings_pkey" PRIMARY KEY ("communityId")
);

-- CreateTable
CREATE TABLE "AnswerLog" (
    "id" SERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "askerMemberId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "entryKey" TEXT,
    "confidence" DOUBLE PRECISION NOT NULL,
    "answered" BOOLEAN NOT NULL,
    "replyMessageId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnswerVote" (
    "answerLogId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "byAsker" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnswerVote_pkey" PRIMARY KEY ("answerLogId","memberId")
);

-- CreateTable
CREATE TABLE "AnswerReply" (
    "id" SERIAL NOT NULL,
    "answerLogId" INTEGER NOT NULL,
    "authorId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "reactions" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnswerLog_communityId_status_createdAt_idx" ON "AnswerLog"("communityId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "AnswerLog_replyMessageId_idx" ON "AnswerLog"("replyMessageId");

-- CreateIndex
CREATE INDEX "AnswerLog_askerMemberId_idx" ON "AnswerLog"("askerMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerLog_communityId_messageId_key" ON "AnswerLog"("communityId", "messageId");

-- CreateIndex
CREATE INDEX "AnswerVote_memberId_idx" ON "AnswerVote"("memberId");

-- CreateIndex
CREATE INDEX "AnswerReply_messageId_idx" ON "AnswerReply"("messageId");

-- CreateIndex
CREATE INDEX "AnswerReply_authorId_idx" ON "AnswerReply"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerReply_answerLogId_messageId_key" ON "AnswerReply"("answerLogId", "messageId");

-- AddForeignKey
ALTER TABLE "KnowledgeEntry" ADD CONSTRAINT "KnowledgeEntry_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerSettings" ADD CONSTRAINT "AnswerSettings_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerLog" ADD CONSTRAINT "AnswerLog_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerLog" ADD CONSTRAINT "AnswerLog_askerMemberId_fkey" FOREIGN KEY ("askerMemberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerVote" ADD CONSTRAINT "AnswerVote_answerLogId_fkey" FOREIGN KEY ("answerLogId") REFERENCES "AnswerLog"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerVote" ADD CONSTRAINT "AnswerVote_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerReply" ADD CONSTRAINT "AnswerReply_answerLogId_fkey" FOREIGN KEY ("answerLogId") REFERENCES "AnswerLog"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerReply" ADD CONSTRAINT "AnswerReply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
