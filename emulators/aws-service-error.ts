/** The error an emulator operation throws to answer with an AWS error code instead of a 500. */

/** An AWS service error: `code` is the wire error code (`__type` in JSON protocols, `Code` in Query). */
class AwsServiceError extends Error {
  /** Wire error code, e.g. `ResourceNotFoundException` or `NotFound`. */
  readonly code: string;
  /** HTTP status; AWS uses 400 for nearly every client error. */
  readonly status: number;
  /** Query-protocol fault type: the caller's mistake (`Sender`) or the service's (`Receiver`). */
  readonly faultType: 'Sender' | 'Receiver';

  constructor(code: string, message: string, status = 400, faultType: 'Sender' | 'Receiver' = 'Sender') {
    super(message);
    this.name = 'AwsServiceError';
    this.code = code;
    this.status = status;
    this.faultType = faultType;
  }
}

export { AwsServiceError };
