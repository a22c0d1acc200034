import type { ServiceFacts } from './service-facts/facts';

/** A JSON value as CloudFormation templates hold them. */
export type Json = null | boolean | number | string | Json[] | JsonObject;

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** A value that is known only at deploy time: an intrinsic function or pseudo-parameter reference. */
export type Intrinsic = { Ref: string } | { [fn: `Fn::${string}`]: Json };

/** A string, or an intrinsic function that yields one. */
export type Expr = string | Intrinsic;

/** One resource of a template, loosely typed: the macro passes unknown fields through. */
export interface TemplateResource extends JsonObject {
  Type: string;
}

/** The part of a CloudFormation template the macro reads and writes. */
export interface Template extends JsonObject {}

/** What CloudFormation (or the CLI) tells the transform about where it runs. */
export interface TransformContext {
  /** Values of the template's Parameters, already evaluated by CloudFormation. */
  templateParameterValues: Record<string, Json>;
  /** Parameters given to the macro in the Transform section (`Name: ServiceProxy, Parameters: {...}`). */
  params: Record<string, Json>;
  /**
   * AWS's service models and IAM reference, read by the edge (Lambda handler, CLI); without them only
   * the built-in actions and generic mode (`Protocol`) are known.
   */
  serviceFacts?: ServiceFacts;
}

/** Tells whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value of an object's own property, or undefined: a key such as `constructor` or `toString`
 * never finds what Object.prototype holds.
 */
export function ownValue<T>(object: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Sets an own, enumerable data property; unlike `object[key] = value`, a key `__proto__` (which a
 * parsed template may hold) is stored as a property instead of replacing the object's prototype.
 */
export function setOwn<T>(object: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

const INTRINSIC_KEY = /^(Ref|Condition|Fn::[A-Za-z0-9]+)$/;

/** Tells whether a value is an intrinsic function call: an object with exactly one `Ref` or `Fn::*` key. */
export function isIntrinsic(value: unknown): value is Intrinsic {
  if (!isJsonObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSIC_KEY.test(keys[0] as string);
}
