import { expandFile } from '../cli/expand-file';
import { readOrUpdateGolden, sampleNames, samplePath } from './helpers/samples';

const { valid, errors } = sampleNames();

describe('golden samples: samples/<case>.yaml expands to samples/expected/<case>.json', () => {
  it.each(valid)('%s', (name) => {
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

  it('expands every sample to byte-identical output twice (determinism)', () => {
    for (const name of valid) {
      const first = JSON.stringify(expandFile(samplePath(name)));
      const second = JSON.stringify(expandFile(samplePath(name)));
      expect(second).toBe(first);
    }
  });
});
