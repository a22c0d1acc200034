/** The schema of an intrinsic function value: an object with exactly one `Ref` or `Fn::*` key. */
export const intrinsicSchema = {
  description: 'an intrinsic function such as {"Ref": ...}, {"Fn::GetAtt": [...]}, {"Fn::Sub": ...}, {"Fn::ImportValue": ...}',
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  propertyNames: { pattern: '^(Ref|Fn::[A-Za-z0-9]+)$' },
} as const;
