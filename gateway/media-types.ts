/** Media-type matching for `BinaryMediaTypes` (which allow wildcards such as `image/*` and `*\/*`). */
import { mediaTypeOf } from '../vtl';

/** Tells whether a Content-Type or Accept value names one of the API's binary media types. */
export function isBinaryMediaType(binaryMediaTypes: readonly string[], contentType: string | undefined): boolean {
  if (contentType === undefined || contentType === '' || binaryMediaTypes.length === 0) return false;
  const [type, subtype] = mediaTypeOf(contentType.split(',')[0]).split('/');
  return binaryMediaTypes.some((pattern) => {
    const [ptype, psubtype] = pattern.toLowerCase().split('/');
    return (ptype === '*' || ptype === type) && (psubtype === '*' || psubtype === subtype);
  });
}
