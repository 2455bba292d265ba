-- One transactional outbox for every message a state change owes: the offer DMs (kind "offer.dm")
-- and the notices to moderators and threads (kind "notice", the message itself in "message").
-- The offer outbox becomes "Outbox"; "offerId" becomes "subject" (what the message is about: an
-- offer id, a routing question, a hand-off) and "memberId" "recipient" (a member or a channel).
ALTER TABLE "OfferOutbox" RENAME TO "Outbox";
ALTER TABLE "Outbox" RENAME CONSTRAINT "OfferOutbox_pkey" TO "Outbox_pkey";
ALTER SEQUENCE "OfferOutbox_id_seq" RENAME TO "Outbox_id_seq";
ALTER TABLE "Outbox" RENAME COLUMN "offerId" TO "subject";
ALTER TABLE "Outbox" RENAME COLUMN "memberId" TO "recipient";
ALTER TABLE "Outbox" ADD COLUMN "message" JSONB;
ALTER INDEX "OfferOutbox_kind_offerId_memberId_key" RENAME TO "Outbox_kind_subject_recipient_key";
ALTER INDEX "OfferOutbox_nextAttemptAt_idx" RENAME TO "Outbox_nextAttemptAt_idx";
