-- CreateIndex
CREATE INDEX "Subscription_status_idx" ON "Subscription"("status");

-- CreateIndex
CREATE INDEX "SubscriptionPayment_paidAt_currency_amountPaid_idx" ON "SubscriptionPayment"("paidAt", "currency", "amountPaid");

-- CreateIndex
CREATE INDEX "SubscriptionPayment_billingReason_status_idx" ON "SubscriptionPayment"("billingReason", "status");
