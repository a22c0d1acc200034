import { propertiesSchema } from '../macro/schema/schema';
import { intrinsicSchema } from '../macro/schema/schema-intrinsic';

/**
 * What a short-form tag leaves for a JSON Schema to see. The YAML language server validates a
 * tagged node (`yaml.customTags`) as the plain node under the tag: `!Ref IngestPath` is the string
 * "IngestPath", `!GetAtt Users.Arn` the string "Users.Arn", `!GetAtt [Users, Arn]` or
 * `!Sub [text, {vars}]` a list. So wherever the macro accepts an intrinsic function, a template
 * schema must accept those too: the scalar a tag can hold (a logical ID, `Name.Attribute`, a pseudo
 * parameter, an export name, or `!Sub` text with `${...}`), or a list.
 */
const shortFormScalar = {
  description: "the value under a short-form tag: !Ref Name, !GetAtt Name.Attribute, !ImportValue export-name or !Sub '...${Name}...'",
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9:._-]*$|\\$\\{',
} as const;

const shortFormList = {
  description: 'the list under a short-form tag: !GetAtt [Name, Attribute], !Sub [text, {vars}], !Join, !Select, !If, !FindInMap, ...',
  type: 'array',
  minItems: 1,
} as const;

/** An intrinsic function in long form ({"Ref": ...}) or as the YAML language server sees a short-form one. */
const intrinsicAnyForm = {
  description: `${intrinsicSchema.description}, or its short form (!Ref, !GetAtt, !Sub, !ImportValue, !If, ...)`,
  anyOf: [intrinsicSchema, shortFormScalar, shortFormList],
} as const;

/** A copy of a schema with every intrinsic-function alternative widened to its short forms. */
function withShortForms(node: unknown): unknown {
  if (node === intrinsicSchema) return intrinsicAnyForm;
  if (Array.isArray(node)) return node.map(withShortForms);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withShortForms(value)]));
}

/**
 * A JSON Schema for a whole template file, for editors (the YAML language server maps schemas to
 * files, not to resources): every resource of type Proxy::ServiceIntegration gets its Properties
 * checked and completed, short-form tags included; all other resources and sections are left to
 * other schemas.
 */
export function templateSchema(): Record<string, unknown> {
  const { $schema, $id, ...properties } = withShortForms(propertiesSchema) as typeof propertiesSchema;
  return {
    $schema,
    $id: 'https://serviceproxy.dev/schemas/template-with-proxy-service-integrations.json',
    title: 'CloudFormation template with Proxy::ServiceIntegration resources',
    type: 'object',
    properties: {
      Resources: {
        type: 'object',
        additionalProperties: {
          if: { type: 'object', properties: { Type: { const: 'Proxy::ServiceIntegration' } }, required: ['Type'] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, never awaited.
          then: { properties: { Properties: properties }, required: ['Properties'] },
        },
      },
    },
  };
}
