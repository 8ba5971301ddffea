/**
 * Per-endpoint parameter allow-lists. A Spec names every accepted parameter and
 * its kind; anything else is `parameter_unknown`, exactly as Stripe answers.
 * `fields<P>()` ties a spec's names to the SDK's own *Params type, so a typo or
 * a parameter Stripe does not have fails to compile.
 */
import type { FormObject, FormValue } from "./form.js";
import { joinKey } from "./form.js";
import { parameterInvalid, parameterMissing, parameterUnknown } from "./errors.js";

export type Kind =
  | "string"
  | "integer"
  | "boolean"
  | "metadata"
  /** Accepted and passed through untouched (options we take but ignore). */
  | "any"
  | { readonly enum: readonly string[] }
  | { readonly array: Kind }
  | { readonly object: Spec }
  | { readonly required: Kind }
  /** First kind that accepts the value wins, e.g. boolean or enum. */
  | { readonly union: readonly Kind[] };

export interface Spec {
  readonly [name: string]: Kind;
}

export function fields<P>(spec: { readonly [K in keyof P]?: Kind }, extra: Spec = {}): Spec {
  return { ...(spec as Spec), ...extra };
}

export const required = (kind: Kind): Kind => ({ required: kind });
export const oneOf = (...values: string[]): Kind => ({ enum: values });
export const arrayOf = (kind: Kind): Kind => ({ array: kind });
export const objectOf = (spec: Spec): Kind => ({ object: spec });

/** `expand[]` is accepted on every endpoint. */
const EXPAND: Kind = { array: "string" };

function describe(v: FormValue): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function listWords(values: readonly string[]): string {
  if (values.length <= 2) return values.join(" or ");
  return `${values.slice(0, -1).join(", ")}, or ${values[values.length - 1]}`;
}

function isNumericKeyed(obj: FormObject): boolean {
  const keys = Object.keys(obj);
  return keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
}

function convert(value: FormValue, kind: Kind, path: string[]): unknown {
  const param = joinKey(path);
  if (typeof kind === "object" && "required" in kind) return convert(value, kind.required, path);
  if (typeof kind === "object" && "union" in kind) {
    let firstError: unknown;
    for (const k of kind.union) {
      try {
        return convert(value, k, path);
      } catch (e) {
        firstError ??= e;
      }
    }
    throw firstError;
  }
  switch (kind) {
    case "any":
      return value;
    case "string":
      if (typeof value !== "string") throw parameterInvalid(param, `Invalid string: ${describe(value)}`);
      return value;
    case "integer":
      if (typeof value !== "string" || !/^-?\d+$/.test(value)) {
        throw parameterInvalid(param, `Invalid integer: ${describe(value)}`, "parameter_invalid_integer");
      }
      return Number(value);
    case "boolean":
      if (value === "true") return true;
      if (value === "false") return false;
      throw parameterInvalid(param, `Invalid boolean: ${describe(value)}`);
    case "metadata": {
      if (value === "") return null; // Emptyable: clears all keys on update
      if (typeof value !== "object" || Array.isArray(value)) {
        throw parameterInvalid(param, `Invalid hash`);
      }
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== "string") {
          throw parameterInvalid(
            joinKey([...path, k]),
            `Invalid metadata value for ${k}: metadata values must be strings.`,
          );
        }
        if (k.length > 40) {
          throw parameterInvalid(
            joinKey([...path, k]),
            `Metadata keys can have up to 40 characters. Key '${k}' is too long.`,
          );
        }
        out[k] = v;
      }
      if (Object.keys(out).length > 50) {
        throw parameterInvalid(param, "You can specify up to 50 keys in metadata.");
      }
      return out;
    }
  }
  if ("enum" in kind) {
    if (typeof value !== "string" || !kind.enum.includes(value)) {
      throw parameterInvalid(param, `Invalid ${path[path.length - 1]}: must be one of ${listWords(kind.enum)}`);
    }
    return value;
  }
  if ("array" in kind) {
    if (value === "") return [];
    let items: FormValue[];
    if (Array.isArray(value)) items = value;
    else if (typeof value === "object" && isNumericKeyed(value)) {
      items = Object.keys(value)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => value[k]);
    } else {
      throw parameterInvalid(param, `Invalid array`);
    }
    return items.map((item, i) => convert(item, kind.array, [...path, String(i)]));
  }
  // object
  if (value === "") return null;
  if (typeof value !== "object" || Array.isArray(value)) throw parameterInvalid(param, `Invalid object`);
  return validateObject(value, kind.object, path);
}

function validateObject(input: FormObject, spec: Spec, path: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const kind = spec[key] ?? (path.length === 0 && key === "expand" ? EXPAND : undefined);
    if (!kind) throw parameterUnknown(joinKey([...path, key]));
    out[key] = convert(value, kind, [...path, key]);
  }
  for (const [key, kind] of Object.entries(spec)) {
    if (typeof kind === "object" && "required" in kind && (out[key] === undefined || out[key] === "")) {
      throw parameterMissing(joinKey([...path, key]));
    }
  }
  return out;
}

/** Validates and coerces raw form input against a spec; throws StripeError. */
export function validateParams<P>(input: FormObject, spec: Spec): P {
  return validateObject(input, spec, []) as P;
}
