-- Row versions for MemberScore: every write bumps it, and a process writes a row back only while it
-- is still at the version it read (several Rapport processes may cache the same member). Existing
-- rows start at 0.
-- AlterTable
ALTER TABLE "MemberScore" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
