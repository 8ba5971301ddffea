-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "eventCreated" INTEGER,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "parkedAt" TIMESTAMP(3),
ADD COLUMN     "payload" TEXT;

-- CreateIndex
CREATE INDEX "WebhookEvent_processedAt_parkedAt_nextAttemptAt_idx" ON "WebhookEvent"("processedAt", "parkedAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_objectId_idx" ON "WebhookEvent"("objectId");
