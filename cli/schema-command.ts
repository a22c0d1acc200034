/** `service-proxy schema`: JSON Schemas for editors. */
import { parseArgs } from 'node:util';
import { didYouMean } from '../macro/suggest';
import { PROXY_RESOURCE_TYPE } from '../macro/template/parse';
import { UsageError } from './cli-error';
import { RESOURCE_PROPERTIES_SCHEMAS } from './resource-schemas';
import { templateSchema } from './template-schema';

/** Runs `schema`; returns 0. */
export function schemaCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { template: { type: 'boolean', default: false }, type: { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`schema takes no file arguments; received: ${positionals.join(' ')}`);
  if (values.template && values.type !== undefined)
    throw new UsageError('schema takes --template or --type, not both: the template schema already covers every resource type');
  const type = values.type ?? PROXY_RESOURCE_TYPE;
  const types = Object.keys(RESOURCE_PROPERTIES_SCHEMAS);
  if (!Object.hasOwn(RESOURCE_PROPERTIES_SCHEMAS, type))
    throw new UsageError(`schema --type: unknown resource type '${type}'.${didYouMean(type, types)} Types: ${types.join(', ')}.`);
  const schema = values.template ? templateSchema() : RESOURCE_PROPERTIES_SCHEMAS[type]?.schema;
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}
