import { dashboardUrl } from "@/lib/admin/dashboard-links";

/** A Stripe id, linked to the Stripe Dashboard when the app runs on real keys. */
export function StripeId({ id }: { id: string | null | undefined }) {
  if (!id) return <span>—</span>;
  const url = dashboardUrl(id);
  return url ? (
    <a className="mono" href={url} target="_blank" rel="noreferrer">
      {id}
    </a>
  ) : (
    <code>{id}</code>
  );
}
