/** Field readers for JSON-protocol inputs that fail with AWS's `ValidationException` wording. */

import type { JsonInput } from './aws-json-server';
import { AwsServiceError } from './aws-service-error';

/** AWS's one-line validation message, e.g. "Value null at 'name' failed to satisfy constraint: Member must not be null". */
function validationError(field: string, value: unknown, constraint: string): AwsServiceError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

/** Reads a required non-empty string member. */
function requiredString(input: JsonInput, key: string, wireName = lowerFirst(key)): string {
  const value = input[key];
  if (value === undefined || value === null) throw validationError(wireName, value, 'Member must not be null');
  if (typeof value !== 'string') throw new AwsServiceError('SerializationException', `${key} must be a string`);
  if (value.length === 0) throw validationError(wireName, value, 'Member must have length greater than or equal to 1');
  return value;
}

/** Reads an optional string member (absent or null → undefined). */
function optionalString(input: JsonInput, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsServiceError('SerializationException', `${key} must be a string`);
  return value;
}

/** Reads a required array member with AWS's length constraints. */
function requiredArray(input: JsonInput, key: string, min: number, max: number, wireName = lowerFirst(key)): unknown[] {
  const value = input[key];
  if (value === undefined || value === null) throw validationError(wireName, value, 'Member must not be null');
  if (!Array.isArray(value)) throw new AwsServiceError('SerializationException', `${key} must be a list`);
  if (value.length < min) throw validationError(wireName, '[]', `Member must have length greater than or equal to ${min}`);
  if (value.length > max)
    throw validationError(wireName, `[${value.length} items]`, `Member must have length less than or equal to ${max}`);
  return value;
}

/** True for a plain JSON object (not null, not an array). */
function isJsonObject(value: unknown): value is JsonInput {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** AWS error messages name members in camelCase (`entries`, `deliveryStreamName`). */
function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export { isJsonObject, optionalString, requiredArray, requiredString, validationError };
