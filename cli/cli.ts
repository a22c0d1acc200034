import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { propertiesSchema } from '../macro/schema/schema';
import type { Json } from '../macro/types';
import { CfnLintUnavailableError } from './cfn-lint';
import { expandFile, formatDiagnosticsForFile } from './expand-file';
import { TemplateLoadError } from './load-template';
import { renderCommand } from './render-command';
import { serveCommand } from './serve-command';
import { templateSchema } from './template-schema';
import { formatFinding } from './validation-finding';
import { VALIDATOR_NAMES, type ValidatorName, validateExpanded } from './validators';
import { stringifyCfnYaml } from './yaml-cfn';

const USAGE = `Usage: service-proxy <command> [options]

Commands:
  expand <template> [--format json|yaml] [-o file] [--parameter Name=Value]...
      Expand Proxy::ServiceIntegration resources, exactly as the macro does at deploy time.
  validate <template> [--parameter Name=Value]... [--validator cfn-lint|cloudformation-validate]
      Expand, then validate the result offline: with cfn-lint when it is on the PATH, else with
      @aws/cloudformation-validate (bundled); --validator forces one.
  render <template> --method M --path P [--header K:V]... [--query k=v]... [--body B | --body-file F]
         [--context k=v]... [--stage-variable k=v]... [--region R] [--account A] [--parameter Name=Value]...
         [--response-status S [--response-body B] [--response-header K:V]...]
      Print the integration request API Gateway would send the service for one request, as JSON
      { uri, integrationHttpMethod, headers, body }; with --response-status, also the mapped client response.
  serve <template> [--port N] [--host 127.0.0.1] [--endpoint service=url]... [--api-key K]...
        [--api-keys-file F] [--deny-unauthenticated] [--verbose] [--region R] [--account A] [--parameter Name=Value]...
      Serve the API on localhost as API Gateway would, against embedded AWS emulators (or --endpoint).
  schema [--template]
      Print the JSON Schema of Proxy::ServiceIntegration Properties, or with --template a schema
      for whole template files (for the YAML language server).

Exit codes: 0 success, 1 invalid template or findings, 2 usage error or forced validator missing.`;

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
    options: {
      format: { type: 'string', default: 'json' },
      output: { type: 'string', short: 'o' },
      parameter: { type: 'string', multiple: true },
    },
  });
  const file = templateArgument(positionals, 'expand');
  if (values.format !== 'json' && values.format !== 'yaml')
    throw new UsageError(`--format must be json or yaml; received '${values.format}'.`);
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

async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { parameter: { type: 'string', multiple: true }, validator: { type: 'string', default: 'auto' } },
  });
  const file = templateArgument(positionals, 'validate');
  const requested = values.validator;
  if (requested !== 'auto' && !(VALIDATOR_NAMES as readonly string[]).includes(requested)) {
    throw new UsageError(`--validator must be ${VALIDATOR_NAMES.join(' or ')}; received '${requested}'.`);
  }
  const result = expandFile(file, parameterOverrides(values.parameter));
  if (!result.ok) {
    process.stderr.write(`${formatDiagnosticsForFile(file, result.diagnostics)}\n`);
    return 1;
  }
  let report;
  try {
    report = await validateExpanded(requested as ValidatorName | 'auto', result.template as Json, file);
  } catch (error) {
    if (!(error instanceof CfnLintUnavailableError)) throw error;
    process.stderr.write(`service-proxy: ${error.message} Or use --validator cloudformation-validate.\n`);
    return 2;
  }
  for (const f of report.findings) process.stdout.write(`${formatFinding(file, f)}\n`);
  process.stdout.write(
    `${file}: ${report.findings.length} finding(s) from ${report.tool}${report.note === undefined ? '' : `; ${report.note}`}\n`,
  );
  return report.findings.length === 0 ? 0 : 1;
}

function schemaCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { template: { type: 'boolean', default: false } } });
  if (positionals.length > 0) throw new UsageError(`schema takes no file arguments; received: ${positionals.join(' ')}`);
  const schema = values.template ? templateSchema() : propertiesSchema;
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}

const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  expand: expandCommand,
  validate: validateCommand,
  schema: schemaCommand,
  render: renderCommand,
  serve: serveCommand,
};

/** Runs the CLI with the given arguments and resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  try {
    if (run === undefined) throw new UsageError(`unknown command '${command}'.`);
    return await run(args);
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

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
