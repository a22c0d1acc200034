/** The error `serve --backend moto` reports when moto_server cannot start or a resource cannot be created in it. */

/** Thrown when moto_server fails to start or to create a resource; names the service (or `moto`) and the cause. */
export class MotoStartError extends Error {
  readonly service: string;
  constructor(service: string, message: string, cause: unknown) {
    super(`${message}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MotoStartError';
    this.service = service;
  }
}
