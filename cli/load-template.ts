import { readFileSync } from 'node:fs';
import { isJsonObject, type Json, type JsonObject, type Template } from '../macro/types';
import { CliError, describeSystemError, ExitCode } from './cli-error';
import { MACRO_NAME } from './macro-name';
import { checkTransform, type TemplateWarning } from './transform-check';
import { formatYamlProblem, parseCfnYaml, type YamlProblem } from './yaml-cfn';

/** A template read from disk, ready for the transform as CloudFormation would hand it to the macro. */
export interface LoadedTemplate {
  /** The template without this macro's Transform entry (other transforms, e.g. SAM, stay). */
  fragment: Template;
  /** Parameter values: the template's Defaults, overridden by `--parameter` flags. */
  parameterValues: Record<string, Json>;
  /** Parameters given to the macro in its Transform entry. */
  macroParams: Record<string, Json>;
  /** What the macro cannot see: a Transform that does not name it, look-alike resource types. */
  warnings: TemplateWarning[];
}

/** Thrown for a template file that cannot be read or parsed; the CLI prints it as is and exits 1. */
export class TemplateLoadError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.failed, false);
    this.name = 'TemplateLoadError';
  }
}

/** Reads a YAML or JSON template with CloudFormation short-form tags. */
export function loadTemplate(file: string, parameterOverrides: Record<string, string> = {}): LoadedTemplate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateLoadError(
      `${file}: cannot read the template: ${describeSystemError(error)?.replace(/^cannot [^:]+: /, '') ?? (error as Error).message}.`,
    );
  }
  const parsed = parseCfnYaml(text);
  if (parsed.value === undefined) {
    // The first problem only: a YAML error makes the parser misread the rest, so later ones cascade from it.
    throw new TemplateLoadError(formatYamlProblem(file, text, parsed.problems[0] as YamlProblem));
  }
  if (!isJsonObject(parsed.value)) throw new TemplateLoadError(`${file}: expected a template (a YAML or JSON object) at the top level.`);
  return { ...splitTransform(parsed.value, parameterOverrides), warnings: checkTransform(parsed.value) };
}

/** Removes this macro from the Transform section, keeping its parameters, as CloudFormation does. */
export function splitTransform(template: JsonObject, parameterOverrides: Record<string, string> = {}): Omit<LoadedTemplate, 'warnings'> {
  const fragment: Template = {};
  let macroParams: Record<string, Json> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key !== 'Transform') {
      fragment[key] = value;
      continue;
    }
    const entries = Array.isArray(value) ? value : [value];
    const rest = entries.filter((entry) => {
      if (entry === MACRO_NAME) return false;
      if (isJsonObject(entry) && entry.Name === MACRO_NAME) {
        macroParams = isJsonObject(entry.Parameters) ? entry.Parameters : {};
        return false;
      }
      return true;
    });
    if (rest.length === 1 && !Array.isArray(value)) fragment.Transform = rest[0] as Json;
    else if (rest.length > 0) fragment.Transform = rest;
  }
  const parameterValues: Record<string, Json> = {};
  if (isJsonObject(template.Parameters)) {
    for (const [name, declaration] of Object.entries(template.Parameters)) {
      if (isJsonObject(declaration) && declaration.Default !== undefined) parameterValues[name] = declaration.Default;
    }
  }
  Object.assign(parameterValues, parameterOverrides);
  return { fragment, parameterValues, macroParams };
}
