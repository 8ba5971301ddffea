/**
 * `expand[]`: replaces id references with the objects they name, on a copy.
 * "Includable" fields (e.g. `invoice.payments`) are absent unless expanded,
 * as in Stripe's API since 2025-03-31.
 */
import type { Store } from "./store.js";
import { parameterInvalid } from "./http/errors.js";

type Json = Record<string, unknown>;
export type Includable = (store: Store, owner: Json) => unknown;

const includables: Record<string, Record<string, Includable>> = {};

export function registerIncludable(objectType: string, field: string, resolve: Includable): void {
  (includables[objectType] ??= {})[field] = resolve;
}

function cannotExpand(path: string): Error {
  return parameterInvalid("expand", `This property cannot be expanded (${path}).`);
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function walk(store: Store, node: Json, segments: string[], fullPath: string): void {
  const [field, ...rest] = segments;
  const include = typeof node.object === "string" ? includables[node.object]?.[field] : undefined;
  let value = node[field];
  if (include && (value === undefined || rest.length === 0)) {
    value = JSON.parse(JSON.stringify(include(store, node) ?? null));
    node[field] = value;
  } else if (typeof value === "string") {
    const found = store.lookup(value);
    if (!found) {
      // A dangling id (e.g. a deleted object) stays an id; other strings are plain values.
      if (/^[a-z]+_[A-Za-z0-9]+$/.test(value)) return;
      throw cannotExpand(fullPath);
    }
    value = JSON.parse(JSON.stringify(found));
    node[field] = value;
  } else if (value === null) {
    return;
  } else if (Array.isArray(value) && value.some((v) => typeof v === "string")) {
    // A list of references (e.g. `discounts`): expand each id that names an object.
    value = value.map((v) => {
      const found = typeof v === "string" ? store.lookup(v) : undefined;
      return found ? JSON.parse(JSON.stringify(found)) : v;
    });
    node[field] = value;
  } else if (typeof value !== "object" || value === undefined) {
    throw cannotExpand(fullPath);
  } else if (rest.length === 0 && !(isObject(value) && typeof value.id === "string")) {
    // The last segment must be a reference (or one already expanded by another path).
    throw cannotExpand(fullPath);
  }
  if (rest.length === 0 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) if (isObject(item)) walk(store, item, rest, fullPath);
  } else {
    walk(store, value as Json, rest, fullPath);
  }
}

/** Returns a deep copy of `obj` with the given expand paths applied. */
export function applyExpand<T>(store: Store, obj: T, paths: readonly string[] | undefined): T {
  const copy = JSON.parse(JSON.stringify(obj)) as T;
  if (!paths?.length || !isObject(copy)) return copy;
  for (const path of paths) {
    const segments = path.split(".");
    if (segments.length > 4) {
      throw parameterInvalid("expand", `You cannot expand more than 4 levels of a property. Property: ${path}`);
    }
    walk(store, copy, segments, path);
  }
  return copy;
}
