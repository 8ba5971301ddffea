-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "actionLockedUntil" DATETIME;
ALTER TABLE "Subscription" ADD COLUMN "actionToken" TEXT;
ALTER TABLE "Subscription" ADD COLUMN "actionVersion" INTEGER;
