-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "actionLockedUntil" TIMESTAMP(3),
ADD COLUMN     "actionToken" TEXT,
ADD COLUMN     "actionVersion" INTEGER;
