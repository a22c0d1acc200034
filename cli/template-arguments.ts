/** The arguments every template command shares: one template file, `--parameter Name=Value`. */
import { UsageError } from './cli-error';

/** `--parameter Name=Value`... into a record (the last value wins). */
export function parameterOverrides(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`--parameter expects Name=Value; received '${value}'.`);
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

/** The one template file a command takes. */
export function templateArgument(positionals: readonly string[], command: string): string {
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(`${command} needs a template file: service-proxy ${command} template.yaml`);
  if (extra.length > 0) throw new UsageError(`${command} takes one template file; received also: ${extra.join(' ')}`);
  return file;
}
