import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Replaced by build.mjs with package.json's version and bugs URL; absent when the TypeScript runs unbundled (tests). */
declare const SERVICE_PROXY_VERSION: string | undefined;
declare const SERVICE_PROXY_BUGS_URL: string | undefined;

function packageJson(): { version: string; bugs?: { url?: string } } {
  return JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
}

/** The package's version, as `service-proxy --version` prints it. */
export const VERSION: string = typeof SERVICE_PROXY_VERSION === 'string' ? SERVICE_PROXY_VERSION : packageJson().version;

/** Where users report bugs (package.json `bugs.url`). */
export const BUGS_URL: string = typeof SERVICE_PROXY_BUGS_URL === 'string' ? SERVICE_PROXY_BUGS_URL : (packageJson().bugs?.url ?? '');
