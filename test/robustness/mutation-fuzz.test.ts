/**
 * Mutation fuzzing of real macro events: every sample template, parsed as the CLI does, turned
 * into the event CloudFormation sends, then mutated — wrong types at every property, intrinsic
 * functions in every position, random edits anywhere. The handler must keep the macro contract
 * (see macro-contract.ts) on every case.
 */
import fc from 'fast-check';
import { isJsonObject, type Json } from '../../macro/types';
import { mutate, mutation, type SampleEvent, sampleEvents } from './arbitraries';
import { casesChecked, checkMacroContract } from './macro-contract';
import { runsFor, SEED } from './runs';

const samples = sampleEvents();

/** Paths to every value under each Proxy::ServiceIntegration of an event (Properties and attributes). */
function integrationPaths(event: SampleEvent): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (value: Json, path: (string | number)[]) => {
    out.push(path);
    if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, [...path, i]);
    else if (isJsonObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  const resources = isJsonObject(event.fragment.Resources) ? event.fragment.Resources : {};
  for (const [id, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || resource.Type !== 'Proxy::ServiceIntegration') continue;
    for (const [key, value] of Object.entries(resource)) if (key !== 'Type') walk(value, ['fragment', 'Resources', id, key]);
  }
  // One path per distinct property path in a sample: the same property of a sibling integration adds time, not coverage.
  const seen = new Set<string>();
  return out.filter((path) => {
    const key = JSON.stringify(path.slice(3));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A copy of an event with the value at a path replaced. */
function replaceAt(event: SampleEvent, path: readonly (string | number)[], value: Json): SampleEvent {
  const copy = JSON.parse(JSON.stringify(event)) as SampleEvent;
  let parent: Json | undefined = copy;
  for (const step of path.slice(0, -1))
    parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, Json>)[step] : undefined;
  // An earlier mutation may have removed the path: then there is nothing to replace.
  if (typeof parent === 'object' && parent !== null)
    (parent as Record<string | number, Json>)[path[path.length - 1] as string | number] = value;
  return copy;
}

const WRONG_TYPES: Json[] = [null, 0, -1, 1.5, true, false, '', 'x', [], [null], {}, { a: 1 }, 'é😀\u0000', 'x'.repeat(20_000)];

const INTRINSICS = (value: Json): Json[] => [
  { Ref: 'Orders' },
  { Ref: 'AWS::NoValue' },
  { 'Fn::GetAtt': ['Orders', 'Arn'] },
  { 'Fn::Sub': '${AWS::StackName}-${!x}' },
  { 'Fn::ImportValue': 'shared-value' },
  { 'Fn::If': ['AuditEnabled', value, { Ref: 'AWS::NoValue' }] },
  { 'Fn::Join': ['', ['a', { Ref: 'AWS::Region' }]] },
  { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
  { 'Fn::Base64': value },
];

describe('robustness: mutated real macro events', () => {
  afterAll(() => {
    process.stdout.write(`robustness: ${casesChecked()} mutated events checked\n`);
  });

  it(`has samples to start from (${samples.length})`, () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
    for (const { event } of samples) checkMacroContract(event);
  });

  it('keeps the contract with a wrong type at every property of every integration', () => {
    // Every position gets one of the wrong values, rotating, so every value reaches every kind of position.
    let cases = 0;
    for (const { event } of samples) {
      for (const path of integrationPaths(event)) {
        checkMacroContract(replaceAt(event, path, WRONG_TYPES[cases % WRONG_TYPES.length] as Json));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(500);
  }, 600_000);

  it('keeps the contract with an intrinsic function in every position of every integration', () => {
    let cases = 0;
    for (const { event } of samples) {
      for (const path of integrationPaths(event)) {
        if (path.length < 4) continue;
        let current: Json = event;
        for (const step of path) current = (current as Record<string | number, Json>)[step] as Json;
        const intrinsics = INTRINSICS(current);
        checkMacroContract(replaceAt(event, path, intrinsics[cases % intrinsics.length] as Json));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(300);
  }, 600_000);

  it('keeps the contract under random mutations anywhere in the event', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }),
        (sampleIndex, mutations) => {
          let event: Json = (samples[sampleIndex] as { event: SampleEvent }).event;
          for (const [pick, m] of mutations) event = mutate(event, pick, m);
          checkMacroContract(event);
        },
      ),
      { numRuns: runsFor(0.15), seed: SEED },
    );
  }, 600_000);

  it('keeps the contract under random mutations focused on the integrations', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 2 }),
        (sampleIndex, mutations) => {
          const sample = (samples[sampleIndex] as { event: SampleEvent }).event;
          const paths = integrationPaths(sample);
          let event: Json = sample;
          for (const [pick, m] of mutations) {
            if (paths.length === 0) break;
            const path = paths[pick % paths.length] as (string | number)[];
            if (m.op !== 'replace') {
              event = mutate(event, pick, m);
              continue;
            }
            event = replaceAt(event as SampleEvent, path, m.value);
          }
          checkMacroContract(event);
        },
      ),
      { numRuns: runsFor(0.1), seed: SEED + 1 },
    );
  }, 600_000);
});
