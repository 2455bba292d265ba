-- The write that stored each MemberScore version: a process whose write failed without a reply
-- looks for its id, so a write that committed is not merged in a second time (issue 18).
ALTER TABLE "MemberScore" ADD COLUMN "writeId" TEXT;
