/** What a consent form's server action answers; the form renders it. */
export type ConsentField = "email" | "wallet" | "consent" | "form";

export type ConsentFormState =
  | { status: "idle" }
  | { status: "invalid"; fields: Partial<Record<ConsentField, true>> }
  | { status: "error"; message: string }
  /** The email has an account: a code was sent to it; the form resubmits once this browser signs in. */
  | { status: "sign_in"; email: string }
  | { status: "redirect"; redirectUrl: string; clientSecret: string }
  | { status: "done"; returnUrl: string };

export function invalidFields(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): ConsentFormState {
  const fields: Partial<Record<ConsentField, true>> = {};
  for (const issue of issues) {
    const key = issue.path[0];
    fields[key === "email" || key === "wallet" || key === "consent" ? key : "form"] = true;
  }
  return { status: "invalid", fields };
}
