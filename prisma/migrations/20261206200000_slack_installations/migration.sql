-- Slack installable in many workspaces (issue 20): a community can be paused (app uninstalled,
-- tokens revoked) without losing its data; Bolt's installations are kept sealed (AES-256-GCM),
-- and OAuth states are stored to be consumed once.
-- AlterTable
ALTER TABLE "Community" ADD COLUMN "pausedAt" TIMESTAMP(3),
ADD COLUMN "pauseReason" TEXT;

-- CreateTable
CREATE TABLE "SlackInstallation" (
    "key" TEXT NOT NULL,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "sealed" TEXT NOT NULL,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackInstallation_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SlackOAuthState" (
    "id" TEXT NOT NULL,
    "installOptions" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackOAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlackInstallation_teamId_idx" ON "SlackInstallation"("teamId");

-- CreateIndex
CREATE INDEX "SlackOAuthState_expiresAt_idx" ON "SlackOAuthState"("expiresAt");
