import { db } from "./client";

export function listPasskeysOfUser(userId: string) {
  return db().passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}
