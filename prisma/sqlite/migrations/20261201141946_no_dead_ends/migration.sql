-- AlterTable
ALTER TABLE "MandateConsent" ADD COLUMN "cardBrand" TEXT;
ALTER TABLE "MandateConsent" ADD COLUMN "cardLast4" TEXT;
ALTER TABLE "MandateConsent" ADD COLUMN "forSubscriptionId" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "paymentConsentId" TEXT;

-- AlterTable
ALTER TABLE "SubscriptionPayment" ADD COLUMN "failureCode" TEXT;
ALTER TABLE "SubscriptionPayment" ADD COLUMN "hostedInvoiceUrl" TEXT;
ALTER TABLE "SubscriptionPayment" ADD COLUMN "invoicePdf" TEXT;
