// fast-check arbitraries for the robustness suite: hostile values, intrinsic functions, and
// mutations of real macro events built from samples/*.yaml.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { splitTransform } from '../../cli/load-template';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import { isJsonObject, type Json, type JsonObject } from '../../macro/types';
import { SAMPLES_DIR } from '../helpers/samples';

/** A CloudFormation macro event, as the Lambda receives it. */
export interface SampleEvent extends JsonObject {
  requestId: string;
  region: string;
  accountId: string;
  transformId: string;
  fragment: JsonObject;
  params: JsonObject;
  templateParameterValues: JsonObject;
}

/** Every sample template, as the macro event CloudFormation would send for it. */
export function sampleEvents(): { name: string; event: SampleEvent }[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const parsed = parseCfnYaml(readFileSync(join(SAMPLES_DIR, file), 'utf8'));
      if (!isJsonObject(parsed.value)) throw new Error(`${file} does not parse to a template`);
      const loaded = splitTransform(parsed.value);
      const event: SampleEvent = {
        requestId: `robustness-${file}`,
        region: 'us-east-1',
        accountId: '123456789012',
        transformId: '123456789012::ServiceProxy',
        fragment: loaded.fragment,
        params: loaded.macroParams,
        templateParameterValues: loaded.parameterValues,
      };
      return { name: file, event };
    });
}

/** Text that has broken template generators before: quotes, VTL and Sub syntax, control and non-BMP characters. */
const NASTY_TEXT = [
  '',
  ' ',
  "'",
  '"',
  '\\',
  '${AWS::Region}',
  '${!Literal}',
  '$request.body',
  '$request.path.missing',
  '$request.header.',
  '$context',
  '$input.body',
  '#set($x = 1)',
  '## comment',
  '&a=b',
  '%',
  '\u0000',
  '\u0007\b\f\n\r\t\v',
  '\u2028\u2029',
  '\ud800',
  '\udfff',
  '😀',
  'ü',
  'Ω',
  '\u202e',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'arn:aws:sqs:us-east-1:123456789012:q',
  'arn:aws:sns:us-east-1:123456789012:t',
  'https://sqs.us-east-1.amazonaws.com/123456789012/q',
  '/',
  '//',
  '/orders/{id}',
  '/{proxy+}',
  '/a/{b+}/c',
  'POST',
  'sqs',
  'sns',
  'SendMessage',
  'Publish',
  'Proxy::ServiceIntegration',
  'AWS::SQS::Queue',
];

/** Strings: nasty ones, arbitrary unicode (including lone surrogates and control characters), and long ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 30, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 20, arbitrary: fc.string({ unit: fc.constantFrom(...'/{}+$.#&\'"\\abcAB01_-'.split('')), maxLength: 24 }) },
  // Long strings are rare here (they are slow to carry through every case); huge values have their own tests.
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('x', '€', '😀', '\u0001'), fc.integer({ min: 1_000, max: 20_000 })).map(([c, n]) => c.repeat(n)),
  },
);

/** Intrinsic functions, well-formed and not, around any value. */
export function intrinsicOf(inner: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.record({ Ref: fc.oneof(fc.constantFrom('Orders', 'Topic', 'AWS::Region', 'AWS::NoValue', 'Missing', 'SubmitOrder'), nastyString) }),
    fc.record({
      'Fn::GetAtt': fc.oneof(
        fc.tuple(
          fc.constantFrom('Orders', 'Topic', 'SubmitOrder', 'Missing'),
          fc.constantFrom('Arn', 'QueueName', 'TopicName', 'RootResourceId'),
        ),
        nastyString,
      ),
    }) as fc.Arbitrary<Json>,
    fc.record({
      'Fn::Sub': fc.oneof(nastyString, fc.tuple(nastyString, fc.dictionary(fc.string({ maxLength: 5 }), inner))),
    }) as fc.Arbitrary<Json>,
    fc.record({ 'Fn::ImportValue': inner }),
    fc.record({ 'Fn::Join': fc.tuple(nastyString, fc.array(inner, { maxLength: 4 })) }) as fc.Arbitrary<Json>,
    fc.record({ 'Fn::If': fc.tuple(fc.constantFrom('AuditEnabled', 'Missing'), inner, inner) }) as fc.Arbitrary<Json>,
    fc.record({ 'Fn::Select': fc.tuple(fc.integer({ min: -1, max: 5 }), inner) }) as fc.Arbitrary<Json>,
    fc.record({ Ref: inner }),
    fc.record({ Condition: inner }),
  );
}

/** Any JSON value a template could hold, biased to nasty strings and intrinsic functions. */
export const hostileJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: nastyString as fc.Arbitrary<Json> },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(0, -1, 901, 2 ** 53, -0, 1e308),
      ) as fc.Arbitrary<Json>,
    },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) as fc.Arbitrary<Json> },
    { weight: 2, arbitrary: fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }) as fc.Arbitrary<Json> },
    { weight: 2, arbitrary: intrinsicOf(tie('value')) },
  ),
})).value;

/** A value nested `depth` levels deep in arrays or objects. */
export function deeplyNested(depth: number, inObjects: boolean): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = inObjects ? { a: value } : [value];
  return value;
}

/** One step of a path into a JSON value. */
type Step = string | number;

/** Every path into a value (containers and leaves), at most `limit` of them. */
function pathsOf(value: Json, limit = 400): Step[][] {
  const out: Step[][] = [];
  const walk = (v: Json, path: Step[]) => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(v)) for (const [i, item] of v.entries()) walk(item, [...path, i]);
    else if (isJsonObject(v)) for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
  };
  walk(value, []);
  return out;
}

/** The value at a path, or undefined. */
function getAt(root: Json, path: readonly Step[]): Json | undefined {
  let v: Json | undefined = root;
  for (const step of path) {
    if (Array.isArray(v) && typeof step === 'number') v = v[step];
    else if (isJsonObject(v) && typeof step === 'string') v = Object.hasOwn(v, step) ? v[step] : undefined;
    else return undefined;
  }
  return v;
}

/** How one mutation changes the value at a path. */
export type Mutation =
  | { op: 'replace'; value: Json }
  | { op: 'delete' }
  | { op: 'addKey'; key: string; value: Json }
  | { op: 'renameKey'; key: string }
  | { op: 'wrapIntrinsic'; fn: string }
  | { op: 'nest'; depth: number; inObjects: boolean }
  | { op: 'duplicateResource'; newId: string };

/** Arbitrary mutations. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: hostileJson.map((value) => ({ op: 'replace', value }) as Mutation) },
  { weight: 2, arbitrary: fc.constant({ op: 'delete' } as Mutation) },
  { weight: 2, arbitrary: fc.tuple(nastyString, hostileJson).map(([key, value]) => ({ op: 'addKey', key, value }) as Mutation) },
  { weight: 1, arbitrary: nastyString.map((key) => ({ op: 'renameKey', key }) as Mutation) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('Ref', 'Fn::Sub', 'Fn::GetAtt', 'Fn::If', 'Fn::ImportValue', 'Fn::Join', 'Fn::Base64')
      .map((fn) => ({ op: 'wrapIntrinsic', fn }) as Mutation),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 50, max: 2_000 }), fc.boolean())
      .map(([depth, inObjects]) => ({ op: 'nest', depth, inObjects }) as Mutation),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(nastyString, fc.constantFrom('SubmitOrderMethod', 'ServiceProxyApi', 'ServiceProxyApiRole', 'Copy'))
      .map((newId) => ({ op: 'duplicateResource', newId }) as Mutation),
  },
);

/** Applies a mutation at the path chosen by `pick` (a number folded into the path list); returns a new value. */
export function mutate(root: Json, pick: number, m: Mutation): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  const paths = pathsOf(copy);
  const path = paths[pick % paths.length] as Step[];
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const parent = getAt(copy, parentPath);
  const current = getAt(copy, path);
  const set = (raw: Json | undefined): Json => {
    // Events arrive as parsed JSON: objects with Object.prototype, never fast-check's null-prototype ones.
    const value = raw === undefined ? undefined : (JSON.parse(JSON.stringify(raw)) as Json);
    if (last === undefined) return value === undefined ? {} : value;
    if (Array.isArray(parent) && typeof last === 'number') {
      if (value === undefined) parent.splice(last, 1);
      else parent[last] = value;
    } else if (isJsonObject(parent) && typeof last === 'string') {
      if (value === undefined) delete parent[last];
      else parent[last] = value;
    }
    return copy;
  };
  switch (m.op) {
    case 'replace':
      return set(m.value);
    case 'delete':
      return set(undefined);
    case 'addKey':
      if (isJsonObject(current)) current[m.key] = JSON.parse(JSON.stringify(m.value)) as Json;
      return copy;
    case 'renameKey':
      if (isJsonObject(parent) && typeof last === 'string' && current !== undefined) {
        delete parent[last];
        parent[m.key] = current;
      }
      return copy;
    case 'wrapIntrinsic':
      return set({ [m.fn]: current ?? null });
    case 'nest':
      return set(deeplyNested(m.depth, m.inObjects));
    case 'duplicateResource': {
      // Copy the resource under this path (if any) to a new logical ID: collisions, duplicate routes.
      const resources =
        isJsonObject(copy) && isJsonObject(copy.fragment) && isJsonObject(copy.fragment.Resources) ? copy.fragment.Resources : undefined;
      const id = path[2];
      if (
        resources !== undefined &&
        path[0] === 'fragment' &&
        path[1] === 'Resources' &&
        typeof id === 'string' &&
        resources[id] !== undefined
      ) {
        resources[m.newId] = JSON.parse(JSON.stringify(resources[id])) as Json;
      }
      return copy;
    }
  }
}
