-- CreateTable
CREATE TABLE "CatalogueSnapshot" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "plans" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL
);
