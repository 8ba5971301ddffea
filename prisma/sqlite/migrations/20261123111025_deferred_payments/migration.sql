-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "testClockId" TEXT;

-- AlterTable
ALTER TABLE "MandateConsent" ADD COLUMN "offer" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "trialEnd" DATETIME;

-- CreateTable
CREATE TABLE "SubscriptionPayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "stripeInvoiceId" TEXT NOT NULL,
    "paymentIntentId" TEXT,
    "billingReason" TEXT,
    "amountDue" INTEGER NOT NULL,
    "amountPaid" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "failureMessage" TEXT,
    "offSession" BOOLEAN NOT NULL DEFAULT false,
    "periodStart" DATETIME,
    "invoiceCreated" DATETIME NOT NULL,
    "paidAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SubscriptionPayment_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SubscriptionPayment_stripeInvoiceId_key" ON "SubscriptionPayment"("stripeInvoiceId");

-- CreateIndex
CREATE INDEX "SubscriptionPayment_subscriptionId_invoiceCreated_idx" ON "SubscriptionPayment"("subscriptionId", "invoiceCreated");
