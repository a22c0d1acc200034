import { createHash } from 'node:crypto';

/** The first `length` hex characters of the SHA-256 of a text: short, stable content fingerprints. */
export function shortHash(text: string, length = 10): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
