-- AlterTable (columns added in place rather than a table rebuild, so other migrations touching other tables merge cleanly)
ALTER TABLE "WebhookEvent" ADD COLUMN "payload" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "eventCreated" INTEGER;
ALTER TABLE "WebhookEvent" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "WebhookEvent" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "WebhookEvent" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "nextAttemptAt" DATETIME;
ALTER TABLE "WebhookEvent" ADD COLUMN "parkedAt" DATETIME;

-- CreateIndex
CREATE INDEX "WebhookEvent_processedAt_parkedAt_nextAttemptAt_idx" ON "WebhookEvent"("processedAt", "parkedAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_objectId_idx" ON "WebhookEvent"("objectId");
