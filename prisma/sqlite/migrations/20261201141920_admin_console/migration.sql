-- CreateTable
CREATE TABLE "AdminPayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "consentId" TEXT NOT NULL,
    "adminUserId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "paymentIntentId" TEXT,
    "status" TEXT NOT NULL,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AdminPayment_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "MandateConsent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdminAuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "adminId" TEXT NOT NULL,
    "adminEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "AdminPayment_actionId_key" ON "AdminPayment"("actionId");

-- CreateIndex
CREATE UNIQUE INDEX "AdminPayment_paymentIntentId_key" ON "AdminPayment"("paymentIntentId");

-- CreateIndex
CREATE INDEX "AdminPayment_consentId_createdAt_idx" ON "AdminPayment"("consentId", "createdAt");

-- CreateIndex
CREATE INDEX "AdminPayment_createdAt_idx" ON "AdminPayment"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AdminAuditLog_actionId_key" ON "AdminAuditLog"("actionId");

-- CreateIndex
CREATE INDEX "AdminAuditLog_createdAt_id_idx" ON "AdminAuditLog"("createdAt", "id");

-- CreateIndex
CREATE INDEX "AdminAuditLog_targetType_targetId_idx" ON "AdminAuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "MandateConsent_acceptedAt_id_idx" ON "MandateConsent"("acceptedAt", "id");

-- CreateIndex
CREATE INDEX "MandateConsent_status_acceptedAt_id_idx" ON "MandateConsent"("status", "acceptedAt", "id");

-- CreateIndex
CREATE INDEX "MandateConsent_paymentMethodType_acceptedAt_id_idx" ON "MandateConsent"("paymentMethodType", "acceptedAt", "id");

-- CreateIndex
CREATE INDEX "MandateConsent_customerId_acceptedAt_id_idx" ON "MandateConsent"("customerId", "acceptedAt", "id");

-- CreateIndex
CREATE INDEX "SubscriptionPayment_paymentIntentId_idx" ON "SubscriptionPayment"("paymentIntentId");
