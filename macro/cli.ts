import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateCloudFormation, validatorVersion } from './cli/cfn-validator';
import { expandFile, formatDiagnosticsForFile } from './cli/expand-file';
import { TemplateLoadError } from './cli/load-template';
import { propertiesSchema } from './spec/schema';
import { templateSchema } from './spec/template-schema';
import { stringifyCfnYaml } from './template/yaml-cfn';
import type { Json } from './types';

const USAGE = `Usage: service-proxy <command> [options]

Commands:
  expand <template> [--format json|yaml] [-o file] [--parameter Name=Value]...
      Expand Proxy::ServiceIntegration resources, exactly as the macro does at deploy time.
  validate <template> [--parameter Name=Value]...
      Expand, then validate the result offline against the CloudFormation resource schemas.
  schema [--template]
      Print the JSON Schema of Proxy::ServiceIntegration Properties, or with --template a schema
      for whole template files (for the YAML language server).

Exit codes: 0 success, 1 invalid template or findings, 2 usage error.`;

/** Thrown for a command line that cannot be understood; exit code 2. */
class UsageError extends Error {}

function parameterOverrides(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`--parameter expects Name=Value; received '${value}'.`);
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

function templateArgument(positionals: string[], command: string): string {
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(`${command} needs a template file: service-proxy ${command} template.yaml`);
  if (extra.length > 0) throw new UsageError(`${command} takes one template file; received also: ${extra.join(' ')}`);
  return file;
}

function expandCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'json' }, output: { type: 'string', short: 'o' }, parameter: { type: 'string', multiple: true } },
  });
  const file = templateArgument(positionals, 'expand');
  if (values.format !== 'json' && values.format !== 'yaml') throw new UsageError(`--format must be json or yaml; received '${values.format}'.`);
  const result = expandFile(file, parameterOverrides(values.parameter));
  if (!result.ok) {
    process.stderr.write(`${formatDiagnosticsForFile(file, result.diagnostics)}\n`);
    return 1;
  }
  const text = values.format === 'yaml' ? stringifyCfnYaml(result.template) : `${JSON.stringify(result.template, null, 2)}\n`;
  if (values.output !== undefined) writeFileSync(values.output, text);
  else process.stdout.write(text);
  return 0;
}

function validateCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { parameter: { type: 'string', multiple: true } } });
  const file = templateArgument(positionals, 'validate');
  const result = expandFile(file, parameterOverrides(values.parameter));
  if (!result.ok) {
    process.stderr.write(`${formatDiagnosticsForFile(file, result.diagnostics)}\n`);
    return 1;
  }
  const findings = validateCloudFormation(result.template as Json, file);
  const tool = `@aws/cloudformation-validate ${validatorVersion()} (strict, informational checks on)`;
  for (const f of findings) {
    process.stdout.write(`${file}: [${f.severity}] ${f.ruleId} ${f.logicalId ?? '(template)'}${f.propertyPath ? ` ${f.propertyPath}` : ''}: ${f.message}\n`);
  }
  process.stdout.write(`${file}: ${findings.length} finding(s) from ${tool}\n`);
  return findings.length === 0 ? 0 : 1;
}

function schemaCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { template: { type: 'boolean', default: false } } });
  if (positionals.length > 0) throw new UsageError(`schema takes no file arguments; received: ${positionals.join(' ')}`);
  const schema = values.template ? templateSchema() : propertiesSchema;
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => number> = { expand: expandCommand, validate: validateCommand, schema: schemaCommand };

/** Runs the CLI with the given arguments and returns the exit code. */
export function runCli(argv: string[]): number {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  try {
    if (run === undefined) throw new UsageError(`unknown command '${command}'.`);
    return run(args);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`service-proxy: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof TemplateLoadError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = runCli(process.argv.slice(2));
