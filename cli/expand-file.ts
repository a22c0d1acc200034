import { type Diagnostic, formatDiagnostic } from '../macro/diagnostics';
import { sharedServiceFacts } from '../macro/service-facts/read-facts-files';
import { noEchoValues, redactDiagnostics } from '../macro/template/no-echo';
import { transformTemplate } from '../macro/transform';
import type { Template } from '../macro/types';
import { loadTemplate } from './load-template';

/** The expansion of a template file, or its diagnostics. */
export type ExpandFileResult = { ok: true; template: Template } | { ok: false; diagnostics: Diagnostic[] };

/** Reads a template file and expands it exactly as the macro Lambda would. */
export function expandFile(file: string, parameterOverrides: Record<string, string> = {}): ExpandFileResult {
  const loaded = loadTemplate(file, parameterOverrides);
  const result = transformTemplate(loaded.fragment, {
    templateParameterValues: loaded.parameterValues,
    params: loaded.macroParams,
    serviceFacts: sharedServiceFacts(),
  });
  if (result.ok) return { ok: true, template: result.template };
  // NoEcho values stay out of messages here too: CLI output ends up in CI logs.
  return { ok: false, diagnostics: redactDiagnostics(result.diagnostics, noEchoValues(loaded.fragment, loaded.parameterValues)) };
}

/** Diagnostics as the CLI prints them: one per line, prefixed with the file. */
export function formatDiagnosticsForFile(file: string, diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${file}: ${formatDiagnostic(d)}`).join('\n');
}
