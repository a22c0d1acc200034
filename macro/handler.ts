import { DiagnosticCode, describeValue, formatErrorMessage, MAX_DIAGNOSTIC_CHARS } from './diagnostics';
import type { ServiceFacts } from './service-facts/facts';
import { sharedServiceFacts } from './service-facts/read-facts-files';
import { noEchoValues, redactDiagnostics, redactSecrets } from './template/no-echo';
import { transformTemplate } from './transform';
import { isJsonObject, type Json, type Template } from './types';

/** The event CloudFormation sends a macro's Lambda function. */
export interface MacroEvent {
  requestId: string;
  region: string;
  accountId: string;
  transformId?: string;
  fragment: Template;
  params?: Record<string, Json>;
  templateParameterValues?: Record<string, Json>;
}

/** The response CloudFormation expects from a macro's Lambda function. */
export interface MacroResponse {
  requestId: string;
  status: 'success' | 'failure';
  fragment: Template;
  errorMessage?: string;
}

/**
 * The macro's Lambda entry point. It never throws: whatever arrives, CloudFormation gets a
 * well-formed response, with every problem listed in `errorMessage` on failure.
 */
export async function handler(event: unknown): Promise<MacroResponse> {
  return handleMacroEvent(event);
}

/** The synchronous core of the handler, shared by tests and the CLI. */
export function handleMacroEvent(event: unknown): MacroResponse {
  const requestId = isJsonObject(event) && typeof event.requestId === 'string' ? event.requestId : '';
  const fragment = isJsonObject(event) ? event.fragment : undefined;
  const failure = (errorMessage: string): MacroResponse => ({
    requestId,
    status: 'failure',
    fragment: isJsonObject(fragment) ? fragment : {},
    errorMessage,
  });
  if (!isJsonObject(event)) {
    return failure(
      formatErrorMessage([
        {
          code: DiagnosticCode.invalidEvent,
          path: '',
          message: `expected a CloudFormation macro event object; received ${describeValue(event)}.`,
        },
      ]),
    );
  }
  if (!isJsonObject(fragment)) {
    return failure(
      formatErrorMessage([
        {
          code: DiagnosticCode.invalidEvent,
          path: 'fragment',
          message: `expected the template fragment as a JSON object; received ${describeValue(fragment)}.`,
        },
      ]),
    );
  }
  const templateParameterValues = isJsonObject(event.templateParameterValues) ? event.templateParameterValues : {};
  // Values of NoEcho parameters never appear in a message: CloudFormation shows it to anyone who can see the stack.
  let secrets: string[] = [];
  try {
    secrets = noEchoValues(fragment, templateParameterValues);
    const serviceFacts = readFacts();
    const result = transformTemplate(fragment, {
      params: isJsonObject(event.params) ? event.params : {},
      templateParameterValues,
      ...(serviceFacts !== undefined ? { serviceFacts } : {}),
    });
    if (!result.ok) return failure(formatErrorMessage(redactDiagnostics(result.diagnostics, secrets)));
    return { requestId, status: 'success', fragment: result.template };
  } catch (error) {
    // A bug, not a user mistake: fail the change set with something actionable, never a malformed response.
    const detail = redactSecrets(String(error instanceof Error ? error.message : error).slice(0, MAX_DIAGNOSTIC_CHARS), secrets);
    return failure(
      `ServiceProxy internal error: ${detail}. The template was not changed. Please report this with the template that caused it.`,
    );
  }
}

/**
 * The service facts beside the bundle, read once per container; a bundle shipped without them still
 * expands the built-in actions (derived ones are then reported as unknown).
 */
function readFacts(): ServiceFacts | undefined {
  try {
    return sharedServiceFacts();
  } catch {
    return undefined;
  }
}
