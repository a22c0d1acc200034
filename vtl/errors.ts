/** Stable codes for every way a mapping template can fail, so callers assert on codes rather than prose. */
export type VtlErrorCode =
  | 'PARSE_ERROR'
  | 'TEMPLATE_TOO_LARGE'
  | 'INVALID_PAYLOAD'
  | 'METHOD_THREW'
  | 'INVALID_JSON'
  | 'INVALID_JSONPATH'
  | 'INVALID_REGEX'
  | 'UNSUPPORTED_DIRECTIVE'
  | 'OVERRIDE_TWICE'
  | 'INVALID_OVERRIDE';

/** Base class: every engine error names a code, a 1-based line and column, and the HTTP status API Gateway answers with. */
export abstract class VtlError extends Error {
  /** 1-based line in the template (0 when the error is not tied to a template position). */
  readonly line: number;
  /** 1-based column in the template (0 when the error is not tied to a template position). */
  readonly column: number;
  /** The status API Gateway returns to the client for this failure. */
  abstract readonly statusCode: number;

  constructor(
    readonly code: VtlErrorCode,
    message: string,
    line = 0,
    column = 0,
  ) {
    super(line > 0 ? `${message} (line ${line}, column ${column})` : message);
    this.name = new.target.name;
    this.line = line;
    this.column = column;
  }

  /** The body API Gateway sends the client when this error aborts a request. */
  get responseBody(): string {
    return JSON.stringify({ message: 'Internal server error' });
  }
}

/** The template text is not valid VTL; API Gateway would fail every request using it with a 500. */
export class VtlParseError extends VtlError {
  /** Parse failures surface as 500 Internal server error at request time. */
  readonly statusCode = 500;
}

/** Rendering failed at run time (a Java method threw, bad regex, override set twice, ...); API Gateway answers 500. */
export class VtlEvaluationError extends VtlError {
  /** API Gateway maps transformation failures to 500 `{"message": "Internal server error"}`. */
  readonly statusCode = 500;
}

/**
 * The request body could not be parsed as JSON when the template asked for it via `$input.path`/`$input.json`.
 *
 * AWS answers 400 with `Could not process payload...` (recorded by ToQoz/api-gateway-mapping-template test/_.md,
 * example-122ff6ce), not 500.
 */
export class VtlPayloadError extends VtlError {
  /** API Gateway answers 400 for unparseable JSON payloads. */
  readonly statusCode = 400;

  /** The body AWS was recorded returning for this failure. */
  override get responseBody(): string {
    return JSON.stringify({ message: `Could not process payload${this.detail}` });
  }

  constructor(
    private readonly detail: string,
    line = 0,
    column = 0,
  ) {
    super('INVALID_PAYLOAD', `Could not process payload: ${detail}`, line, column);
  }

  /** The same failure, located at the template expression that read the payload. */
  at(line: number, column: number): VtlPayloadError {
    return new VtlPayloadError(this.detail, line, column);
  }
}
