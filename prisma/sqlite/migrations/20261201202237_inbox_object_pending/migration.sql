-- DropIndex
DROP INDEX "WebhookEvent_objectId_idx";

-- CreateIndex
CREATE INDEX "WebhookEvent_objectId_processedAt_idx" ON "WebhookEvent"("objectId", "processedAt");
