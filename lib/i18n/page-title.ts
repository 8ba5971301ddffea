import type { Metadata } from "next";
import type { Messages } from "./messages";
import { requestMessages } from "./request-locale";

type TitleKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

/** A page's `generateMetadata`: its <title> in the reader's language (the layout adds the site name). */
export function titled(key: TitleKey) {
  return async (): Promise<Metadata> => ({ title: (await requestMessages()).t[key] });
}
