-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "stripeCustomerId" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MandateConsent" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "paymentMethodType" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'save_wallet',
    "termsVersion" TEXT NOT NULL,
    "termsLocale" TEXT NOT NULL,
    "termsText" TEXT NOT NULL,
    "termsSha256" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "userAgent" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "setupIntentId" TEXT,
    "paymentMethodId" TEXT,
    "mandateId" TEXT,
    "priceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MandateConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentStatusChange" (
    "id" TEXT NOT NULL,
    "consentId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT,
    "source" TEXT NOT NULL,
    "stripeEventId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "objectId" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_email_key" ON "Customer"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_stripeCustomerId_key" ON "Customer"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "MandateConsent_submissionId_key" ON "MandateConsent"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "MandateConsent_setupIntentId_key" ON "MandateConsent"("setupIntentId");

-- CreateIndex
CREATE INDEX "MandateConsent_customerId_idx" ON "MandateConsent"("customerId");

-- CreateIndex
CREATE INDEX "MandateConsent_status_idx" ON "MandateConsent"("status");

-- CreateIndex
CREATE INDEX "MandateConsent_paymentMethodId_idx" ON "MandateConsent"("paymentMethodId");

-- CreateIndex
CREATE INDEX "MandateConsent_mandateId_idx" ON "MandateConsent"("mandateId");

-- CreateIndex
CREATE INDEX "ConsentStatusChange_consentId_occurredAt_idx" ON "ConsentStatusChange"("consentId", "occurredAt");

-- AddForeignKey
ALTER TABLE "MandateConsent" ADD CONSTRAINT "MandateConsent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentStatusChange" ADD CONSTRAINT "ConsentStatusChange_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "MandateConsent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

