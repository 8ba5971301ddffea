import Link from "next/link";
import type { Metadata } from "next";
import { requestMessages } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestMessages()).t.notFoundTitle };
}

/** Any unknown address (and an unknown plan or subscription): said in the reader's language, with a way on. */
export default async function NotFound() {
  const { t } = await requestMessages();
  return (
    <section className="notice" data-testid="not-found">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link className="primary" href="/pricing">
          {t.notFoundHome}
        </Link>
      </p>
    </section>
  );
}
