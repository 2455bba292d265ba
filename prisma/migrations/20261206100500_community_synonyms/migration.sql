-- A community's synonym groups (/faq synonyms), applied when its answer index is built.
-- CreateTable
CREATE TABLE "SynonymGroup" (
    "id" SERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "words" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SynonymGroup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SynonymGroup_communityId_key_key" ON "SynonymGroup"("communityId", "key");

-- AddForeignKey
ALTER TABLE "SynonymGroup" ADD CONSTRAINT "SynonymGroup_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;
