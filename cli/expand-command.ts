/** `service-proxy expand`: the expanded template, as the macro Lambda would return it. */
import { parseArgs } from 'node:util';
import { UsageError } from './cli-error';
import type { CommandContext } from './command';
import { expandFile, formatDiagnosticsForFile, formatWarningsForFile } from './expand-file';
import { writeOutputFile } from './output-file';
import { parameterOverrides, templateArgument } from './template-arguments';
import { stringifyCfnYaml } from './yaml-cfn';

/** Runs `expand`; returns the exit code (0 expanded, 1 invalid template). */
export function expandCommand(args: string[], context: CommandContext): number {
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
  const { stderr } = context.terminal;
  if (result.warnings.length > 0) process.stderr.write(`${stderr.yellow(formatWarningsForFile(file, result.warnings))}\n`);
  if (!result.ok) {
    process.stderr.write(`${stderr.red(formatDiagnosticsForFile(file, result.diagnostics))}\n`);
    return 1;
  }
  const text = values.format === 'yaml' ? stringifyCfnYaml(result.template) : `${JSON.stringify(result.template, null, 2)}\n`;
  if (values.output !== undefined) writeOutputFile(values.output, text);
  else process.stdout.write(text);
  return 0;
}
