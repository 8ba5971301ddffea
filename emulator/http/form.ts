/**
 * Parser for Stripe's form encoding: `a[b][c]=x`, `a[]=x&a[]=y`, `a[0][price]=p`.
 *
 * Indexed keys (`a[0]`) are kept as object keys here; the parameter specs decide
 * whether a value is an array (so `metadata[0]=x` stays a metadata key).
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export class FormSyntaxError extends Error {
  constructor(readonly param: string) {
    super(`Invalid value for ${param}`);
  }
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return part;
  }
}

/** `a[b][]` → ["a", "b", ""]. Unbalanced brackets fall back to the literal key. */
export function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^\[\]]*)\]/g;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) {
    if (m.index !== consumed) return [key];
    segments.push(m[1]);
    consumed = re.lastIndex;
  }
  if (consumed !== rest.length) return [key];
  return segments;
}

function isObject(v: FormValue | undefined): v is FormObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function assign(root: FormObject, segments: string[], value: string, fullKey: string): void {
  let node: FormObject | FormValue[] = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      if (seg !== "") throw new FormSyntaxError(fullKey);
      if (last) {
        node.push(value);
        return;
      }
      // `a[][k]=v`: start a new element when the current one already has `k`.
      const nextKey = segments[i + 1];
      let tail: FormValue | undefined = node[node.length - 1];
      if (!isObject(tail) || nextKey in tail) {
        tail = {};
        node.push(tail);
      }
      node = tail;
      continue;
    }
    const nextSeg = segments[i + 1];
    if (last) {
      node[seg] = value;
      return;
    }
    const existing: FormValue | undefined = node[seg];
    if (nextSeg === "") {
      if (existing === undefined) node[seg] = [];
      else if (!Array.isArray(existing)) throw new FormSyntaxError(fullKey);
    } else if (existing === undefined || typeof existing === "string") {
      node[seg] = {};
    } else if (Array.isArray(existing)) {
      throw new FormSyntaxError(fullKey);
    }
    node = node[seg] as FormObject | FormValue[];
  }
}

export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  if (!body) return root;
  for (const pair of body.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    if (!key) continue;
    assign(root, splitKey(key), decode(rawValue), key);
  }
  return root;
}

/** Inverse of splitKey, for error messages: ["a","b"] → "a[b]". */
export function joinKey(path: readonly string[]): string {
  return path.length === 0
    ? ""
    : path[0] +
        path
          .slice(1)
          .map((p) => `[${p}]`)
          .join("");
}
