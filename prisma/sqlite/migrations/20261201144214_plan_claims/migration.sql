-- CreateTable
CREATE TABLE "PlanClaim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "priceId" TEXT NOT NULL,
    "consentId" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TrialGrant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "consentId" TEXT NOT NULL,
    "cardFingerprint" TEXT,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanClaim_consentId_key" ON "PlanClaim"("consentId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanClaim_customerId_priceId_key" ON "PlanClaim"("customerId", "priceId");

-- CreateIndex
CREATE UNIQUE INDEX "TrialGrant_customerId_key" ON "TrialGrant"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "TrialGrant_consentId_key" ON "TrialGrant"("consentId");

-- CreateIndex
CREATE UNIQUE INDEX "TrialGrant_cardFingerprint_key" ON "TrialGrant"("cardFingerprint");
