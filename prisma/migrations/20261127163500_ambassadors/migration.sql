-- CreateTable
CREATE TABLE "AmbassadorSettings" (
    "communityId" TEXT NOT NULL,
    "brandNames" JSONB NOT NULL,
    "digestChannelId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AmbassadorSettings_pkey" PRIMARY KEY ("communityId")
);

-- CreateTable
CREATE TABLE "MemberFunnel" (
    "memberId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'newcomer',
    "stageSince" TIMESTAMP(3) NOT NULL,
    "lastBrandTalkAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MemberFunnel_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "FunnelChange" (
    "id" BIGSERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "fromStage" TEXT NOT NULL,
    "toStage" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "cause" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FunnelChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BrandMention" (
    "id" BIGSERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BrandMention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "eligibleStage" TEXT NOT NULL,
    "places" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfferRecipient" (
    "offerId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "scheduledFor" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "dmMessageId" TEXT,
    "error" TEXT,

    CONSTRAINT "OfferRecipient_pkey" PRIMARY KEY ("offerId","memberId")
);

-- CreateTable
CREATE TABLE "FeedbackItem" (
    "id" BIGSERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "keywords" JSONB NOT NULL,
    "link" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedbackItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyPreference" (
    "memberId" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "noProfiling" BOOLEAN NOT NULL DEFAULT false,
    "noDms" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacyPreference_pkey" PRIMARY KEY ("memberId")
);

-- CreateIndex
CREATE INDEX "MemberFunnel_communityId_stage_idx" ON "MemberFunnel"("communityId", "stage");

-- CreateIndex
CREATE INDEX "FunnelChange_memberId_at_idx" ON "FunnelChange"("memberId", "at");

-- CreateIndex
CREATE INDEX "FunnelChange_communityId_at_idx" ON "FunnelChange"("communityId", "at");

-- CreateIndex
CREATE INDEX "BrandMention_memberId_occurredAt_idx" ON "BrandMention"("memberId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "BrandMention_memberId_messageId_kind_key" ON "BrandMention"("memberId", "messageId", "kind");

-- CreateIndex
CREATE INDEX "Offer_communityId_createdAt_idx" ON "Offer"("communityId", "createdAt");

-- CreateIndex
CREATE INDEX "OfferRecipient_memberId_idx" ON "OfferRecipient"("memberId");

-- CreateIndex
CREATE INDEX "OfferRecipient_communityId_scheduledFor_idx" ON "OfferRecipient"("communityId", "scheduledFor");

-- CreateIndex
CREATE INDEX "FeedbackItem_communityId_occurredAt_idx" ON "FeedbackItem"("communityId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackItem_channelId_messageId_key" ON "FeedbackItem"("channelId", "messageId");

-- CreateIndex
CREATE INDEX "PrivacyPreference_communityId_idx" ON "PrivacyPreference"("communityId");

-- AddForeignKey
ALTER TABLE "AmbassadorSettings" ADD CONSTRAINT "AmbassadorSettings_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberFunnel" ADD CONSTRAINT "MemberFunnel_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FunnelChange" ADD CONSTRAINT "FunnelChange_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BrandMention" ADD CONSTRAINT "BrandMention_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferRecipient" ADD CONSTRAINT "OfferRecipient_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfferRecipient" ADD CONSTRAINT "OfferRecipient_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyPreference" ADD CONSTRAINT "PrivacyPreference_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
