-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "stripeReadAt" DATETIME;
