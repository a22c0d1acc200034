import type { Diagnostic } from '../diagnostics';
import { isJsonObject, type Json } from '../types';

/** What replaces a NoEcho parameter's value in a message (CloudFormation shows such values as asterisks too). */
export const REDACTED = '****';

/** A prefix of a secret this long is masked wherever it appears: a message that cut a long value still hides it. */
const MASKED_PREFIX_CHARS = 16;

/**
 * The values of the template's NoEcho parameters: the values CloudFormation passed
 * (`templateParameterValues`, list elements one by one) and the parameters' defaults.
 */
export function noEchoValues(template: unknown, parameterValues: Readonly<Record<string, Json>>): string[] {
  const parameters = isJsonObject(template) && isJsonObject(template.Parameters) ? template.Parameters : {};
  const secrets = new Set<string>();
  const add = (value: Json | undefined) => {
    if (typeof value === 'string' && value !== '') {
      secrets.add(value);
      // A CommaDelimitedList may arrive as one string: its elements are secret too.
      for (const part of value.split(',')) if (part.trim() !== '') secrets.add(part.trim());
    } else if (typeof value === 'number' || typeof value === 'boolean') secrets.add(String(value));
    else if (Array.isArray(value)) for (const item of value) add(item);
  };
  for (const [name, definition] of Object.entries(parameters)) {
    if (!isJsonObject(definition) || String(definition.NoEcho).toLowerCase() !== 'true') continue;
    add(definition.Default);
    if (Object.hasOwn(parameterValues, name)) add(parameterValues[name]);
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks every appearance of the secrets in a text: as written, JSON-escaped (as messages quote
 * values), and cut short (a long value shown in part). Short secrets are masked where they stand
 * alone, so "1" does not turn every digit of a message into asterisks.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    const forms = new Set([secret, JSON.stringify(secret).slice(1, -1)]);
    for (const form of forms) {
      if (form.length < 4) {
        out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, 'g'), REDACTED);
        continue;
      }
      const head = form.slice(0, Math.min(form.length, MASKED_PREFIX_CHARS));
      let index = out.indexOf(head);
      while (index !== -1) {
        // Extend over as much of the secret as follows: the whole of it, or the part a cut message kept.
        let end = index + head.length;
        while (end < out.length && end - index < form.length && out[end] === form[end - index]) end++;
        out = `${out.slice(0, index)}${REDACTED}${out.slice(end)}`;
        index = out.indexOf(head, index + REDACTED.length);
      }
    }
  }
  return out;
}

/** The diagnostics with the secrets masked in their messages and paths. */
export function redactDiagnostics(diagnostics: readonly Diagnostic[], secrets: readonly string[]): Diagnostic[] {
  if (secrets.length === 0) return [...diagnostics];
  return diagnostics.map((d) => ({
    ...d,
    path: redactSecrets(d.path, secrets),
    message: redactSecrets(d.message, secrets),
    ...(d.logicalId !== undefined ? { logicalId: redactSecrets(d.logicalId, secrets) } : {}),
  }));
}
