-- AlterTable
ALTER TABLE "MandateConsent" ADD COLUMN     "checkoutSessionId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "MandateConsent_checkoutSessionId_key" ON "MandateConsent"("checkoutSessionId");
