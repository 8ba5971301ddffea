-- AlterTable
ALTER TABLE "MandateConsent" ADD COLUMN     "cardBrand" TEXT,
ADD COLUMN     "cardLast4" TEXT,
ADD COLUMN     "forSubscriptionId" TEXT;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "paymentConsentId" TEXT;

-- AlterTable
ALTER TABLE "SubscriptionPayment" ADD COLUMN     "failureCode" TEXT,
ADD COLUMN     "hostedInvoiceUrl" TEXT,
ADD COLUMN     "invoicePdf" TEXT;
