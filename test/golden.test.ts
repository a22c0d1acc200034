import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expandFile } from '../cli/expand-file';
import { hasGolden, readOrUpdateGolden, SAMPLES_DIR, sampleNames, samplePath } from './helpers/samples';

const { valid, errors } = sampleNames();

describe('golden samples: samples/<case>.yaml expands to samples/expected/<case>.json', () => {
  it.each(valid.filter(hasGolden))('%s', (name) => {
    // Act
    const result = expandFile(samplePath(name));
    // Assert
    if (!result.ok) throw new Error(`expected ${name} to expand; got ${JSON.stringify(result.diagnostics, null, 2)}`);
    expect(result.template).toEqual(readOrUpdateGolden(name, result.template));
  });

  it.each(errors)('%s reports its diagnostics', (name) => {
    const result = expandFile(samplePath(name));
    if (result.ok) throw new Error(`expected ${name} to fail`);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect({ errors: result.diagnostics }).toEqual(readOrUpdateGolden(name, { errors: result.diagnostics }));
  });

  it('keeps no golden without its sample (a renamed or removed sample takes its golden with it)', () => {
    const expected = readdirSync(join(SAMPLES_DIR, 'expected')).map((file) => file.replace(/\.json$/, ''));
    expect(expected.filter((name) => !(hasGolden(name) && [...valid, ...errors].includes(name)))).toEqual([]);
  });

  it('expands every sample to byte-identical output twice (determinism)', () => {
    for (const name of valid) {
      const first = JSON.stringify(expandFile(samplePath(name)));
      const second = JSON.stringify(expandFile(samplePath(name)));
      expect(second).toBe(first);
    }
  });
});
