-- /link pair: a community's partner for linking accounts, set by its moderators; accounts link only
-- between two communities that name each other.
-- CreateTable
CREATE TABLE "CommunityPair" (
    "communityId" TEXT NOT NULL,
    "otherId" TEXT NOT NULL,
    "pairedBy" TEXT NOT NULL,
    "pairedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommunityPair_pkey" PRIMARY KEY ("communityId")
);
