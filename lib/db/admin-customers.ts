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

/** The emails queued or sent to an address, newest first. */
export function emailsSentTo(address: string) {
  return db().outboxEmail.findMany({
    where: { toAddress: address },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, kind: true, status: true, createdAt: true, sentAt: true, lastError: true },
  });
}
