import {
  type CollectionTag,
  type Document,
  isScalar,
  LineCounter,
  type Node,
  parseDocument,
  Scalar,
  type ScalarTag,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { isJsonObject, type Json } from '../macro/types';

/** Intrinsic functions with a YAML short form (`!Ref`, `!GetAtt`, `!Sub`, ...). */
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
] as const;

function longName(fn: string): string {
  return fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`;
}

/** `!GetAtt A.B` is `["A", "B"]`; split on the first dot only (attribute names may contain dots). */
function getAttFromString(text: string): Json {
  const dot = text.indexOf('.');
  return dot < 0 ? text : [text.slice(0, dot), text.slice(dot + 1)];
}

function tagsFor(name: string): (ScalarTag | CollectionTag)[] {
  const key = longName(name);
  const tag = `!${name}`;
  const scalar: ScalarTag = {
    tag,
    identify: () => false,
    resolve: (value: string) => ({ [key]: name === 'GetAtt' ? getAttFromString(value) : value }) as unknown as string,
  };
  const seq: CollectionTag = {
    tag,
    collection: 'seq',
    identify: () => false,
    resolve: (value) => ({ [key]: (value as YAMLSeq).toJSON() }) as unknown as YAMLSeq,
  } as CollectionTag;
  const map: CollectionTag = {
    tag,
    collection: 'map',
    identify: () => false,
    resolve: (value) => ({ [key]: (value as YAMLMap).toJSON() }) as unknown as YAMLMap,
  } as CollectionTag;
  return [scalar, seq, map];
}

const customTags = ['Ref', 'Condition', ...FUNCTIONS].flatMap(tagsFor);

/** A YAML problem with its position. */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
}

/** Parses a CloudFormation template in YAML (or JSON) with short-form tags into plain JSON. */
export function parseCfnYaml(text: string): { value: Json; problems: [] } | { value?: undefined; problems: YamlProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags, lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  // An unknown tag is only a warning to the yaml package; for a template it is an error (!Reff).
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    return {
      problems: issues.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { message: e.message.split('\n')[0] as string, line: pos.line, column: pos.col };
      }),
    };
  }
  return { value: doc.toJS({ maxAliasCount: 100 }) as Json, problems: [] };
}

/** Renders JSON as YAML, writing intrinsic functions in their short form. */
export function stringifyCfnYaml(value: Json): string {
  const doc = parseDocument('null', { customTags }) as Document;
  doc.contents = toNode(doc, value) as never;
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

function toNode(doc: Document, value: Json): Node {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value) seq.items.push(toNode(doc, item));
    return seq;
  }
  if (isJsonObject(value)) {
    const keys = Object.keys(value);
    const only = keys[0];
    if (keys.length === 1 && only !== undefined) {
      const short = only === 'Ref' || only === 'Condition' ? only : only.startsWith('Fn::') ? only.slice(4) : undefined;
      if (short !== undefined && (short === 'Ref' || short === 'Condition' || (FUNCTIONS as readonly string[]).includes(short))) {
        const inner = value[only] as Json;
        const node =
          short === 'GetAtt' && Array.isArray(inner) && inner.length === 2 && inner.every((s) => typeof s === 'string')
            ? new Scalar(`${inner[0]}.${inner[1]}`)
            : toNode(doc, inner);
        node.tag = `!${short}`;
        if (isScalar(node) && node.value === '') node.type = Scalar.QUOTE_SINGLE;
        return node;
      }
    }
    const map = new YAMLMap();
    for (const [k, v] of Object.entries(value)) map.items.push(doc.createPair(k, toNode(doc, v)) as never);
    return map;
  }
  const node = doc.createNode(value) as Node;
  // YAML 1.1 readers (PyYAML in cfn-lint and the SAM CLI) would read these as dates, numbers or booleans.
  if (typeof value === 'string' && isScalar(node) && YAML11_LOOKALIKE.test(value)) node.type = Scalar.QUOTE_SINGLE;
  return node;
}

const YAML11_LOOKALIKE = /^(\d[\d_:.+-]*|[+-]?\.?\d.*|y|n|yes|no|on|off|true|false|null|~)$/i;
