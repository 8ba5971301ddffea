import { db } from "./client";

/** The customer page: the customer, their consents, subscriptions and every payment under them. */
export function findCustomerForAdmin(id: string) {
  return db().customer.findUnique({
    where: { id },
    include: {
      consents: {
        orderBy: [{ acceptedAt: "desc" }, { id: "desc" }],
        take: 200,
        include: { adminPayments: { orderBy: { createdAt: "desc" } } },
      },
      subscriptions: {
        orderBy: { createdAt: "desc" },
        include: { payments: { orderBy: { invoiceCreated: "desc" } } },
      },
    },
  });
}

export type AdminCustomer = NonNullable<Awaited<ReturnType<typeof findCustomerForAdmin>>>;
