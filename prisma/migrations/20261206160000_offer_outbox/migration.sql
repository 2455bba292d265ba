-- The offer outbox: an approval and the DM it owes are written in one transaction; a relay hands
-- pending rows to the job queue (retrying with backoff) and a row is deleted once its DM is done.
-- CreateTable
CREATE TABLE "OfferOutbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfferOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OfferOutbox_kind_offerId_memberId_key" ON "OfferOutbox"("kind", "offerId", "memberId");

-- CreateIndex
CREATE INDEX "OfferOutbox_nextAttemptAt_idx" ON "OfferOutbox"("nextAttemptAt");
