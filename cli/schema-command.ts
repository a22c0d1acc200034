/** `service-proxy schema`: JSON Schemas for editors. */
import { parseArgs } from 'node:util';
import { propertiesSchema } from '../macro/schema/schema';
import { UsageError } from './cli-error';
import { templateSchema } from './template-schema';

/** Runs `schema`; returns 0. */
export function schemaCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { template: { type: 'boolean', default: false } } });
  if (positionals.length > 0) throw new UsageError(`schema takes no file arguments; received: ${positionals.join(' ')}`);
  const schema = values.template ? templateSchema() : propertiesSchema;
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}
