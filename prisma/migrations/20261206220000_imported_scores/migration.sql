-- Starting points brought from another bot (`rapport import scores --from mee6|csv`), kept so a
-- rebuild of scores from events applies them again.
-- CreateTable
CREATE TABLE "ImportedScore" (
    "id" SERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "raw" DOUBLE PRECISION NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportedScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportedScore_communityId_idx" ON "ImportedScore"("communityId");

-- CreateIndex
CREATE INDEX "ImportedScore_memberId_idx" ON "ImportedScore"("memberId");

-- AddForeignKey
ALTER TABLE "ImportedScore" ADD CONSTRAINT "ImportedScore_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
