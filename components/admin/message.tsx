import { Fragment, type ReactNode } from "react";

/** A translated message whose {placeholders} are filled with elements (e.g. an id in <code>). */
export function Message({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  return text.split(/\{(\w+)\}/g).map((part, i) =>
    // split with a capture group alternates text and placeholder names.
    i % 2 === 0 ? <Fragment key={i}>{part}</Fragment> : <Fragment key={i}>{values[part] ?? `{${part}}`}</Fragment>,
  );
}
