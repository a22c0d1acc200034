/**
 * The edge that reads the generated service facts from disk: the index once, a service's model when a
 * template first names the service. The macro's core never reads files; the Lambda handler, the CLI,
 * the local gateway and the emulators pass what this returns into it.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ServiceFacts, ServiceIndex, ServiceModel } from './facts';

/**
 * Where the facts are, wherever this code runs: beside its source (macro/service-facts/data, for
 * tests and tools run from the sources), beside the Lambda bundle (dist/lambda/service-facts/data,
 * copied by build.mjs), or, for the CLI bundles in dist/cli/, the Lambda's copy (the package ships it).
 */
export function locateFactsDir(): string {
  const candidates = [
    path.join(__dirname, 'data'),
    path.join(__dirname, 'service-facts', 'data'),
    path.join(__dirname, '..', 'lambda', 'service-facts', 'data'),
    path.join(__dirname, '..', 'macro', 'service-facts', 'data'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.json'))) ?? (candidates[0] as string);
}

const SERVICE_ID = /^[a-z0-9-]+$/;

/** Reads the facts in `dir`: the index now, each model on first use (cached; unreadable → undefined). */
export function readServiceFacts(dir: string = locateFactsDir()): ServiceFacts {
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as ServiceIndex;
  const models = new Map<string, ServiceModel | undefined>();
  return {
    index,
    model(id) {
      if (models.has(id)) return models.get(id);
      // Only ids of the index name files: a template's text never becomes a path.
      let model: ServiceModel | undefined;
      if (SERVICE_ID.test(id) && Object.hasOwn(index.services, id)) {
        try {
          model = JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8')) as ServiceModel;
        } catch {
          model = undefined;
        }
      }
      models.set(id, model);
      return model;
    },
  };
}

let shared: ServiceFacts | undefined;

/** One reader per process for the default folder (the index is read once; models are cached). */
export function sharedServiceFacts(): ServiceFacts {
  shared ??= readServiceFacts();
  return shared;
}
