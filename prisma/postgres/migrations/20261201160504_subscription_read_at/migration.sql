-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "stripeReadAt" TIMESTAMP(3);
