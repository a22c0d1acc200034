import { intrinsicSchema } from '../macro/schema/schema-intrinsic';
import { RESOURCE_PROPERTIES_SCHEMAS } from './resource-schemas';

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

const DEFS_REF = '#/$defs/';

/**
 * A copy of a schema whose `$ref`s to its own `$defs` point at `$defs` renamed under `prefix`: inside
 * the template schema a `$ref` resolves against the document's root, where every type's definitions
 * sit side by side.
 */
function withDefsRenamed(node: unknown, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((item) => withDefsRenamed(item, prefix));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' && value.startsWith(DEFS_REF)
        ? [key, `${DEFS_REF}${prefix}${value.slice(DEFS_REF.length)}`]
        : [key, withDefsRenamed(value, prefix)],
    ),
  );
}

/** One macro resource type's Properties schema, short forms widened, ready to sit in the template schema, and its definitions for the root. */
function embeddedPropertiesSchema(type: string, schema: Record<string, unknown>): { properties: unknown; defs: Record<string, unknown> } {
  const prefix = type.replace(/[^A-Za-z0-9]/g, '');
  const { $schema, $id, $defs, ...properties } = withDefsRenamed(withShortForms(schema), prefix) as Record<string, unknown>;
  const defs = Object.fromEntries(
    Object.entries(($defs ?? {}) as Record<string, unknown>).map(([name, value]) => [`${prefix}${name}`, value]),
  );
  return { properties, defs };
}

/**
 * A JSON Schema for a whole template file, for editors (the YAML language server maps schemas to
 * files, not to resources): every resource of a macro type (Proxy::ServiceIntegration, Proxy::Api)
 * gets its Properties checked and completed, short-form tags included; all other resources and
 * sections are left to other schemas.
 */
export function templateSchema(): Record<string, unknown> {
  const $defs: Record<string, unknown> = {};
  const byType = Object.entries(RESOURCE_PROPERTIES_SCHEMAS).map(([type, { schema, propertiesRequired }]) => {
    const { properties, defs } = embeddedPropertiesSchema(type, schema);
    Object.assign($defs, defs);
    return {
      if: { type: 'object', properties: { Type: { const: type } }, required: ['Type'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, never awaited.
      then: { properties: { Properties: properties }, ...(propertiesRequired ? { required: ['Properties'] } : {}) },
    };
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://serviceproxy.dev/schemas/template-with-proxy-service-integrations.json',
    title: `CloudFormation template with ${Object.keys(RESOURCE_PROPERTIES_SCHEMAS).join(' and ')} resources`,
    type: 'object',
    properties: {
      Resources: { type: 'object', additionalProperties: { allOf: byType } },
    },
    ...(Object.keys($defs).length > 0 ? { $defs } : {}),
  };
}
