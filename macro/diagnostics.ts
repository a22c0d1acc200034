/** Stable codes for every user mistake the transform reports; tests assert on these. */
export const DiagnosticCode = {
  invalidEvent: 'PSI001',
  invalidTemplate: 'PSI002',
  invalidProperty: 'PSI100',
  unknownService: 'PSI101',
  unknownAction: 'PSI102',
  unknownParameter: 'PSI103',
  invalidSelector: 'PSI104',
  invalidTarget: 'PSI105',
  unresolvableValue: 'PSI106',
  duplicateRoute: 'PSI107',
  invalidPath: 'PSI108',
  invalidRestApi: 'PSI109',
  logicalIdCollision: 'PSI110',
  invalidParameterValue: 'PSI111',
  invalidDependency: 'PSI112',
  invalidApiSurface: 'PSI113',
  conflictingCors: 'PSI114',
  unknownReference: 'PSI115',
  // Limits of CloudFormation and API Gateway the expanded template would break (macro/limits.ts).
  tooManyResources: 'PSI200',
  templateTooLarge: 'PSI201',
  tooManyOutputs: 'PSI202',
  tooManyParameters: 'PSI203',
  mappingTemplateTooLarge: 'PSI204',
  tooManyApiResources: 'PSI205',
} as const;

/** One of the stable diagnostic codes. */
export type DiagnosticCodeValue = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

/** One problem found in the user's template: what, where, what was received, what is allowed, how to fix. */
export interface Diagnostic {
  code: DiagnosticCodeValue;
  /** The logical ID of the resource at fault; absent for template-wide problems. */
  logicalId?: string;
  /** Property path inside the resource, e.g. `Properties.Parameters.MessageBody`. */
  path: string;
  message: string;
}

/** Formats a property path from its segments: `Properties.Parameters["a b"]`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Shows a received value briefly and unambiguously inside a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One line of the macro's errorMessage for one diagnostic, in the shape SAM users know. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path === '' ? '' : `${d.path}: `;
  const subject = d.logicalId === undefined ? 'Template is invalid.' : `Resource with id [${d.logicalId}] is invalid.`;
  return `${subject} ${where}${d.message} [${d.code}]`;
}

/** The macro's errorMessage: every diagnostic, SAM style ("Number of errors found: N."). */
export function formatErrorMessage(diagnostics: readonly Diagnostic[]): string {
  const lines = diagnostics.map(formatDiagnostic);
  return `Invalid ServiceProxy template. Number of errors found: ${diagnostics.length}. ${lines.join(' ')}`;
}
