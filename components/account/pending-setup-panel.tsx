import { PendingSetupRecovery } from "@/components/card/pending-setup-recovery";
import { StripeElementsProvider } from "@/components/card/stripe-elements-provider";
import type { SetupIntentStatus } from "@/lib/billing/pending-setup-state";
import type { Messages } from "@/lib/i18n/messages";
import { browserStripeConfig } from "@/lib/stripe/browser-config";

/** The account page's way back into a pending SetupIntent the customer left unfinished (tab closed mid-flow). */
export function PendingSetupPanel(props: {
  subscriptionId: string;
  pending: { status: SetupIntentStatus; clientSecret: string; lastError: string | null };
  doneMessage: string;
  t: Messages;
}) {
  const { subscriptionId, pending, doneMessage, t } = props;
  return (
    <StripeElementsProvider config={browserStripeConfig()}>
      <PendingSetupRecovery
        subscriptionId={subscriptionId}
        clientSecret={pending.clientSecret}
        initial={{
          status: pending.status,
          last_setup_error: pending.lastError ? { code: pending.lastError } : null,
        }}
        autoStart={false}
        t={t}
        doneMessage={doneMessage}
      />
    </StripeElementsProvider>
  );
}
