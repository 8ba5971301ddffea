-- CreateTable
CREATE TABLE "CatalogueSnapshot" (
    "key" TEXT NOT NULL,
    "plans" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogueSnapshot_pkey" PRIMARY KEY ("key")
);
