/** `mandate_data[customer_acceptance]` as sent when confirming an intent. */
import type Stripe from "stripe";
import type { Ctx } from "../http/router.js";
import { fields, objectOf, oneOf, required } from "../http/params.js";
import { invalidRequest, parameterInvalid, parameterMissing } from "../http/errors.js";
import { nowSeconds } from "../ids.js";

type Online = Stripe.SetupIntentConfirmParams.MandateData.CustomerAcceptance.Online & { infer_from_client?: boolean };
type Acceptance = Omit<Stripe.SetupIntentConfirmParams.MandateData.CustomerAcceptance, "online"> & { online?: Online };
export interface MandateDataInput {
  customer_acceptance?: Acceptance;
}

export const mandateDataSpec = objectOf(
  fields<Stripe.SetupIntentConfirmParams.MandateData>({
    customer_acceptance: required(
      objectOf(
        fields<Stripe.SetupIntentConfirmParams.MandateData.CustomerAcceptance>({
          type: required(oneOf("online", "offline")),
          accepted_at: "integer",
          offline: objectOf({}),
          online: objectOf(
            fields<Stripe.SetupIntentConfirmParams.MandateData.CustomerAcceptance.Online>(
              { ip_address: "string", user_agent: "string" },
              // Stripe.js sends this with a publishable key; the server fills IP and UA.
              { infer_from_client: "boolean" },
            ),
          ),
        }),
      ),
    ),
  }),
);

const P = "mandate_data[customer_acceptance]";

/** Turns the request's mandate_data into the acceptance a Mandate records. */
export function resolveAcceptance(ctx: Ctx<unknown>, input: MandateDataInput): Stripe.Mandate.CustomerAcceptance {
  const acceptance = input.customer_acceptance;
  if (!acceptance) throw parameterMissing(P);
  const publishable = ctx.auth.kind === "publishable";
  if (acceptance.accepted_at !== undefined && publishable) {
    throw parameterInvalid(`${P}[accepted_at]`, "You cannot set `accepted_at` with a publishable key.");
  }
  const acceptedAt = acceptance.accepted_at ?? nowSeconds();
  if (acceptance.type === "offline") {
    if (acceptance.online)
      throw invalidRequest(`You cannot pass \`online\` when type is \`offline\`.`, { param: `${P}[online]` });
    return { type: "offline", accepted_at: acceptedAt, offline: {} };
  }
  const online = acceptance.online;
  if (!online) throw parameterMissing(`${P}[online]`);
  if (online.infer_from_client) {
    if (!publishable) {
      throw parameterInvalid(
        `${P}[online][infer_from_client]`,
        "`infer_from_client` can only be used with a publishable key (from Stripe.js); with a secret key pass `ip_address` and `user_agent`.",
      );
    }
    return {
      type: "online",
      accepted_at: acceptedAt,
      online: { ip_address: ctx.ip, user_agent: ctx.userAgent },
    };
  }
  if (!online.ip_address) throw parameterMissing(`${P}[online][ip_address]`);
  if (!online.user_agent) throw parameterMissing(`${P}[online][user_agent]`);
  return {
    type: "online",
    accepted_at: acceptedAt,
    online: { ip_address: online.ip_address, user_agent: online.user_agent },
  };
}
