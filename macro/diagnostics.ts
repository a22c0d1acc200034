/** Stable codes for every user mistake the transform reports; tests assert on these. */
export const DiagnosticCode = {
  invalidEvent: 'PSI001',
  invalidTemplate: 'PSI002',
  invalidProperty: 'PSI100',
  unknownService: 'PSI101',
  unknownAction: 'PSI102',
  unknownParameter: 'PSI103',
  // PSI104 (invalidSelector) is retired and not reused: a malformed selector is reported as a problem of
  // the property that holds it (PSI111 in Parameters, PSI113 in a Response body), where users look for it.
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
  tooManyMappings: 'PSI206',
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

/** The longest text a message shows of one received value; longer values end in "...". */
export const MAX_ECHO_CHARS = 80;

/** The longest single problem in a message (its logical ID, path and text); longer ones end in "…". */
export const MAX_DIAGNOSTIC_CHARS = 1_000;

/**
 * The longest errorMessage the macro returns, in UTF-8 bytes. CloudFormation shows it as the change
 * set's status reason ("Transform ... failed with: <errorMessage>") and documents no maximum for
 * it; the nearest documented bound is a custom resource's response, failure Reason included, which
 * "can't exceed 4096 bytes" (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html).
 * The macro stays under that, so the message is shown whole.
 */
export const MAX_ERROR_MESSAGE_BYTES = 4_000;

/** Text cut to `max` characters, ending in `ellipsis` when cut (never inside a surrogate pair). */
function cut(text: string, max: number, ellipsis: string): string {
  if (text.length <= max) return text;
  let end = max - ellipsis.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${ellipsis}`;
}

/** Formats a property path from its segments: `Properties.Parameters["a b"]` (each segment shown briefly). */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) && s.length <= MAX_ECHO_CHARS) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(cut(s, MAX_ECHO_CHARS, '...'))}]`;
  }
  return out;
}

/**
 * JSON text of a value, written only until it is longer than `budget` characters: a 10 MB or
 * deeply nested value costs no more than a short one (the walk stops with the budget).
 */
function jsonPreview(value: unknown, budget: number): string {
  let out = '';
  const write = (v: unknown): void => {
    if (out.length > budget) return;
    if (typeof v === 'string') out += JSON.stringify(v.length > budget ? v.slice(0, budget + 1) : v);
    else if (v === null || typeof v === 'boolean' || typeof v === 'number') out += JSON.stringify(v);
    else if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && out.length <= budget; i++) {
        if (i > 0) out += ',';
        write(v[i]);
      }
      out += ']';
    } else if (typeof v === 'object') {
      out += '{';
      let first = true;
      for (const key of Object.keys(v)) {
        if (out.length > budget) break;
        const inner = (v as Record<string, unknown>)[key];
        if (inner === undefined || typeof inner === 'function') continue;
        out += `${first ? '' : ','}${JSON.stringify(key.length > budget ? key.slice(0, budget + 1) : key)}:`;
        first = false;
        write(inner);
      }
      out += '}';
    } else out += String(v);
  };
  write(value);
  return out;
}

/** Shows a received value briefly and unambiguously inside a message (at most MAX_ECHO_CHARS). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  return cut(jsonPreview(value, MAX_ECHO_CHARS), MAX_ECHO_CHARS, '...');
}

/** Names joined with ", ", at most `max` of them (then "and N more"): lists in messages stay short. */
export function listSome(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => cut(n, MAX_ECHO_CHARS, '...'));
  return names.length > max ? `${shown.join(', ')} and ${(names.length - max).toLocaleString('en-US')} more` : shown.join(', ');
}

/** A received name or text between single quotes, at most MAX_ECHO_CHARS of it. */
export function quoted(text: string): string {
  return `'${cut(text, MAX_ECHO_CHARS, '...')}'`;
}

/** One line of the macro's errorMessage for one diagnostic, in the shape SAM users know (at most MAX_DIAGNOSTIC_CHARS). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path === '' ? '' : `${cut(d.path, 200, '…')}: `;
  const subject =
    d.logicalId === undefined ? 'Template is invalid.' : `Resource with id [${cut(d.logicalId, MAX_ECHO_CHARS, '...')}] is invalid.`;
  const code = ` [${d.code}]`;
  return `${cut(`${subject} ${where}${d.message}`, MAX_DIAGNOSTIC_CHARS - code.length, '…')}${code}`;
}

/**
 * The macro's errorMessage, SAM style ("Number of errors found: N."), kept under
 * MAX_ERROR_MESSAGE_BYTES: the problems that fit, in order, then how many more there are.
 */
export function formatErrorMessage(diagnostics: readonly Diagnostic[]): string {
  let out = `Invalid ServiceProxy template. Number of errors found: ${diagnostics.length}.`;
  let bytes = Buffer.byteLength(out, 'utf8');
  // Room for the closing sentence, so adding it never breaks the bound.
  const reserve = 200;
  let shown = 0;
  for (const d of diagnostics) {
    const line = ` ${formatDiagnostic(d)}`;
    const lineBytes = Buffer.byteLength(line, 'utf8');
    if (bytes + lineBytes + reserve > MAX_ERROR_MESSAGE_BYTES) break;
    out += line;
    bytes += lineBytes;
    shown++;
  }
  const hidden = diagnostics.length - shown;
  if (hidden > 0)
    out += ` ... and ${hidden.toLocaleString('en-US')} more not shown here (this message stays under ${MAX_ERROR_MESSAGE_BYTES.toLocaleString('en-US')} bytes so that CloudFormation shows it whole); run "service-proxy validate" on the template to list every one.`;
  return out;
}
