/** From an expanded template to the runtime model plus the emulator spec, with resource names resolved consistently. */
// The spec module directly, not the emulators index: render must not load the emulator packages.
import { type DerivedEmulatorSpec, deriveEmulatorSpec } from '../emulators/spec-from-template';
import type { LocalApiModel } from './api-model';
import { buildApiModel } from './build-api-model';

/** Options for {@link localApiFromTemplate}. */
export interface LocalApiOptions {
  readonly region: string;
  readonly accountId: string;
  /** Template parameter values overriding the Defaults. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The SQS base URL queue URLs should use (`Ref Queue`); AWS's public endpoint when not given. */
  readonly sqsEndpoint?: string;
}

/** The runtime model and the emulator spec of one expanded template. */
export interface LocalApi {
  readonly model: LocalApiModel;
  readonly emulation: DerivedEmulatorSpec;
}

/** Derives the emulated resources (names, ARNs, URLs), then the API model whose intrinsics resolve against them. */
export function localApiFromTemplate(template: unknown, options: LocalApiOptions): LocalApi {
  const emulation = deriveEmulatorSpec(template, {
    region: options.region,
    accountId: options.accountId,
    ...(options.parameters !== undefined ? { parameters: options.parameters } : {}),
    ...(options.sqsEndpoint !== undefined ? { sqsEndpoint: options.sqsEndpoint } : {}),
  });
  const model = buildApiModel(template, {
    region: options.region,
    accountId: options.accountId,
    ...(options.parameters !== undefined ? { parameters: options.parameters } : {}),
    emulated: emulation.resources,
  });
  return { model, emulation };
}
