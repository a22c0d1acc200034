/** `service-proxy validate`: expand, then validate offline; findings as text, JSON or SARIF. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Json } from '../macro/types';
import { CfnLintUnavailableError } from './cfn-lint';
import { ExitCode, UsageError } from './cli-error';
import type { Palette } from './colour';
import type { CommandContext } from './command';
import { expandFile, formatDiagnosticsForFile, formatWarningsForFile } from './expand-file';
import {
  buildReport,
  describeValidator,
  diagnosticFindings,
  type FindingsReport,
  type ReportedFinding,
  validatorFindings,
  warningFindings,
} from './findings-report';
import { toSarif } from './sarif';
import { SourceLocator } from './source-locations';
import { parameterOverrides, templateArgument } from './template-arguments';
import { formatFinding } from './validation-finding';
import { VALIDATOR_NAMES, type ValidatorName, validateExpanded } from './validators';
import { BUGS_URL, VERSION } from './version';

/** The output formats of `validate --format`. */
export const VALIDATE_FORMATS = ['text', 'json', 'sarif'] as const;

type Format = (typeof VALIDATE_FORMATS)[number];

/** A run longer than this shows a progress line on stderr. */
const PROGRESS_AFTER_MILLIS = 1000;

/**
 * Shows progress on stderr if the run is still going after a second (cfn-lint alone starts in about
 * two): on a terminal a line erased when the run ends, elsewhere (CI logs) one plain line.
 */
function startProgress(file: string): () => void {
  const terminal = process.stderr.isTTY === true;
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    process.stderr.write(`service-proxy validate: validating ${file}...${terminal ? '' : '\n'}`);
  }, PROGRESS_AFTER_MILLIS);
  timer.unref();
  return () => {
    clearTimeout(timer);
    if (shown && terminal) process.stderr.write('\r\u001b[2K');
  };
}

function paintSeverity(line: string, colour: Palette): string {
  if (!colour.enabled) return line;
  return line.replace(/\[(FATAL|ERROR|WARN|INFO)\]/, (tag, severity: string) =>
    severity === 'WARN' ? colour.yellow(tag) : severity === 'INFO' ? colour.cyan(tag) : colour.red(tag),
  );
}

function writeMachineReadable(format: Exclude<Format, 'text'>, report: FindingsReport): void {
  const document = format === 'json' ? report : toSarif(report, { version: VERSION, informationUri: BUGS_URL.replace(/\/issues$/, '') });
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

function locator(file: string): SourceLocator | undefined {
  try {
    return new SourceLocator(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Runs `validate`; returns the exit code (0 no findings, 1 findings or invalid template, 2 forced validator missing). */
export async function validateCommand(args: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      parameter: { type: 'string', multiple: true },
      validator: { type: 'string', default: 'auto' },
      format: { type: 'string', default: 'text' },
    },
  });
  const file = templateArgument(positionals, 'validate');
  const requested = values.validator;
  if (requested !== 'auto' && !(VALIDATOR_NAMES as readonly string[]).includes(requested)) {
    throw new UsageError(`--validator must be ${VALIDATOR_NAMES.join(' or ')}; received '${requested}'.`);
  }
  const format = values.format as Format;
  if (!VALIDATE_FORMATS.includes(format)) throw new UsageError(`--format must be ${VALIDATE_FORMATS.join(', ')}; received '${format}'.`);
  const { stdout, stderr } = context.terminal;

  const stopProgress = startProgress(file);
  try {
    const result = expandFile(file, parameterOverrides(values.parameter));
    const warnings = warningFindings(result.warnings);
    if (!result.ok) {
      if (format !== 'text') {
        writeMachineReadable(format, buildReport(file, [...warnings, ...diagnosticFindings(result.diagnostics)], locator(file)));
      } else {
        if (result.warnings.length > 0) process.stderr.write(`${stderr.yellow(formatWarningsForFile(file, result.warnings))}\n`);
        process.stderr.write(`${stderr.red(formatDiagnosticsForFile(file, result.diagnostics))}\n`);
      }
      return ExitCode.failed;
    }

    let validation: Awaited<ReturnType<typeof validateExpanded>>;
    try {
      validation = await validateExpanded(requested as ValidatorName | 'auto', result.template as Json, file);
    } catch (error) {
      if (!(error instanceof CfnLintUnavailableError)) throw error;
      process.stderr.write(`service-proxy: ${error.message} Or use --validator cloudformation-validate.\n`);
      return ExitCode.usage;
    }
    const validator = describeValidator(validation.tool, validation.note);
    const found: ReportedFinding[] = [...warnings, ...validatorFindings(validation.findings, validator.name)];

    if (format !== 'text') writeMachineReadable(format, buildReport(file, found, locator(file), validator));
    else {
      for (const w of result.warnings) {
        const line = formatFinding(file, {
          ruleId: w.code,
          severity: 'WARN',
          message: w.message,
          propertyPath: w.path,
          ...(w.logicalId !== undefined ? { logicalId: w.logicalId } : {}),
        });
        process.stdout.write(`${paintSeverity(line, stdout)}\n`);
      }
      for (const f of validation.findings) process.stdout.write(`${paintSeverity(formatFinding(file, f), stdout)}\n`);
      const templateWarnings = result.warnings.length > 0 ? `${result.warnings.length} template warning(s); ` : '';
      const summary = `${file}: ${templateWarnings}${validation.findings.length} finding(s) from ${validation.tool}${validation.note === undefined ? '' : `; ${validation.note}`}`;
      process.stdout.write(`${found.length === 0 ? summary : stdout.bold(summary)}\n`);
    }
    return found.length === 0 ? ExitCode.ok : ExitCode.failed;
  } finally {
    stopProgress();
  }
}
