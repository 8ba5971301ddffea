-- CreateIndex
CREATE INDEX "Customer_email_id_idx" ON "Customer"("email", "id");

-- CreateIndex
CREATE INDEX "Customer_id_email_stripeCustomerId_idx" ON "Customer"("id", "email", "stripeCustomerId");

-- CreateIndex
CREATE INDEX "OutboxEmail_toAddress_createdAt_idx" ON "OutboxEmail"("toAddress", "createdAt");
