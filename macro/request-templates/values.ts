import type { Selector } from '../selectors';
import type { Intrinsic } from '../types';
import type { TemplatePart } from './template-parts';

/** Where a request field's value comes from, resolved at transform time. */
export type FieldValue =
  /** Known now: encoded by the macro itself. */
  | { kind: 'literal'; text: string }
  /** Read from the request at call time: a VTL expression over $input/$context/$stageVariables. */
  | { kind: 'selector'; vtl: string; alwaysPresent: boolean; selector: Selector }
  /**
   * Known at deploy time: inserted by CloudFormation (the stack author's value, not the caller's).
   * `verbatim` marks the target's ARN or name, which can hold no quote or backslash and is inserted
   * as it is; any other value is inserted base64-encoded, so that nothing in it can be VTL syntax.
   */
  | { kind: 'intrinsic'; value: Intrinsic; verbatim?: boolean }
  /**
   * Text computed at call time: a literal joined with selectors (`order-$request.path.id`), or a
   * value written as JSON text. `statements` run first (none for a joined text); `vtl` then yields
   * the text, never absent.
   */
  | { kind: 'computed'; statements: readonly TemplatePart[]; vtl: string };

/** One body field of a request to the service. */
export interface BodyField {
  wireName: string;
  value: FieldValue;
}

/** One message attribute (SQS/SNS style): name, data type and value. */
export interface AttributeField {
  /** Wire prefix with `{n}` for the entry number, e.g. `MessageAttribute.{n}`. */
  wirePrefix: string;
  name: string;
  dataType: string;
  value: FieldValue;
}

/** DynamoDB attribute types a user may force on a value read from the request. */
export type AttributeType = 'S' | 'N' | 'B' | 'BOOL';

/** The JSON type a service's model gives a scalar: how a value read from the request is written and checked at call time. */
export type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'base64';

/**
 * A structured value (a JSON payload, a DynamoDB item or key) resolved at transform time: literal
 * structure with request values at the leaves.
 */
export type ValueTree =
  | { kind: 'object'; entries: readonly [string, ValueTree][] }
  | { kind: 'array'; items: readonly ValueTree[] }
  /** A JSON scalar written literally in the template. */
  | { kind: 'scalar'; value: string | number | boolean | null }
  /**
   * A selector or intrinsic, with the DynamoDB type the user asked for, if any, or the scalar type
   * the service's model gives the member (absent: any JSON value the request holds).
   */
  | { kind: 'field'; value: FieldValue; type?: AttributeType; scalar?: ScalarType }
  /** A value sent as a JSON string holding its JSON text (`AsJsonString`, or a map given to a text parameter). */
  | { kind: 'jsonText'; tree: ValueTree };
