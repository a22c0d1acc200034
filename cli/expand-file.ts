import { type Diagnostic, formatDiagnostic } from '../macro/diagnostics';
import { sharedServiceFacts } from '../macro/service-facts/read-facts-files';
import { noEchoValues, redactDiagnostics } from '../macro/template/no-echo';
import { transformTemplate } from '../macro/transform';
import type { Template } from '../macro/types';
import { loadTemplate } from './load-template';
import type { TemplateWarning } from './transform-check';

/** The expansion of a template file, or its diagnostics; either way, the template's warnings. */
export type ExpandFileResult = ({ ok: true; template: Template } | { ok: false; diagnostics: Diagnostic[] }) & {
  warnings: TemplateWarning[];
};

/** Reads a template file and expands it exactly as the macro Lambda would. */
export function expandFile(file: string, parameterOverrides: Record<string, string> = {}): ExpandFileResult {
  const loaded = loadTemplate(file, parameterOverrides);
  const result = transformTemplate(loaded.fragment, {
    templateParameterValues: loaded.parameterValues,
    params: loaded.macroParams,
    serviceFacts: sharedServiceFacts(),
  });
  const { warnings } = loaded;
  if (result.ok) return { ok: true, template: result.template, warnings };
  // NoEcho values stay out of messages here too: CLI output ends up in CI logs.
  const secrets = noEchoValues(loaded.fragment, loaded.parameterValues);
  return { ok: false, diagnostics: redactDiagnostics(result.diagnostics, secrets), warnings };
}

/** Template warnings as the CLI prints them on stderr: `file: warning: Transform: ... [PSI300]`. */
export function formatWarningsForFile(file: string, warnings: readonly TemplateWarning[]): string {
  return warnings
    .map((w) => `${file}: warning: ${w.logicalId === undefined ? '' : `Resource [${w.logicalId}] `}${w.path}: ${w.message} [${w.code}]`)
    .join('\n');
}

/** Diagnostics as the CLI prints them: one per line, prefixed with the file. */
export function formatDiagnosticsForFile(file: string, diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${file}: ${formatDiagnostic(d)}`).join('\n');
}
