-- Role rewards (issue 20): roles a community gives for funnel stages and score levels, and the
-- community's mode (replace or stack).
-- CreateTable
CREATE TABLE "RoleReward" (
    "id" SERIAL NOT NULL,
    "communityId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "problem" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoleReward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleRewardSettings" (
    "communityId" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'replace',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoleRewardSettings_pkey" PRIMARY KEY ("communityId")
);

-- CreateIndex
CREATE UNIQUE INDEX "RoleReward_communityId_kind_level_key" ON "RoleReward"("communityId", "kind", "level");
