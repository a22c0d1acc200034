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

/**
 * Parses a CloudFormation template in YAML (or JSON) with short-form tags into plain JSON.
 *
 * CloudFormation reads YAML as PyYAML does, which ignores indentation inside flow collections: a
 * `{` whose entries (or closing `}`) sit at its key's indentation is fine there, and common in
 * hand-written templates. The yaml package follows YAML 1.2 strictly and rejects it, so a text that
 * fails is read once more with its flow continuation lines indented, which changes no value.
 */
export function parseCfnYaml(text: string): { value: Json; problems: [] } | { value?: undefined; problems: YamlProblem[] } {
  const first = parseStrict(text);
  if (first.value !== undefined) return first;
  const indented = indentFlowContinuations(text);
  if (indented === text) return first;
  const second = parseStrict(indented);
  return second.value !== undefined ? second : first;
}

function parseStrict(text: string): { value: Json; problems: [] } | { value?: undefined; problems: YamlProblem[] } {
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

/**
 * The text with every line that continues a flow collection (`{...}`, `[...]` over several lines)
 * indented past the line the collection opened on. Inside a flow collection leading spaces carry no
 * meaning (scalars fold them away), so values stay the same; block scalars are left untouched.
 */
export function indentFlowContinuations(text: string): string {
  const lines = text.split('\n');
  let depth = 0;
  let flowIndent = 0;
  let quote: string | undefined;
  let blockScalarParent: number | undefined;
  for (let n = 0; n < lines.length; n += 1) {
    let line = lines[n] as string;
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (blockScalarParent !== undefined) {
      if (blank || indent > blockScalarParent) continue;
      blockScalarParent = undefined;
    }
    if (depth > 0 && !blank && indent <= flowIndent) {
      line = `${' '.repeat(flowIndent + 1 - indent)}${line}`;
      lines[n] = line;
    }
    // The column of the node a flow collection would belong to: after indentation and `- ` item markers.
    const nodeColumn = (/^[ \t]*(?:-(?:[ \t]+|$))*/.exec(line) as RegExpExecArray)[0].length;
    let valueStart = depth === 0 && quote === undefined;
    for (let i = depth === 0 && quote === undefined ? nodeColumn : 0; i < line.length; i += 1) {
      const c = line[i] as string;
      if (quote !== undefined) {
        if (quote === "'" && c === "'") {
          if (line[i + 1] === "'") i += 1;
          else quote = undefined;
        } else if (quote === '"' && c === '\\') i += 1;
        else if (quote === '"' && c === '"') quote = undefined;
        continue;
      }
      const afterSpace = i === 0 || /\s/.test(line[i - 1] as string);
      if (c === '#' && afterSpace) break;
      if (/\s/.test(c)) continue;
      if (depth > 0) {
        if ((c === '"' || c === "'") && (afterSpace || '{[,:'.includes(line[i - 1] as string))) quote = c;
        else if (c === '{' || c === '[') depth += 1;
        else if (c === '}' || c === ']') depth -= 1;
        continue;
      }
      if (valueStart && (c === '{' || c === '[')) {
        depth = 1;
        flowIndent = nodeColumn;
      } else if (valueStart && (c === '"' || c === "'")) quote = c;
      else if (valueStart && (c === '|' || c === '>') && /^[|>][0-9+-]*\s*(#.*)?$/.test(line.slice(i))) {
        blockScalarParent = indent;
        break;
      } else if (valueStart && (c === '!' || c === '&')) {
        // A tag or an anchor: the value starts after it.
        while (i + 1 < line.length && !/\s/.test(line[i + 1] as string)) i += 1;
        continue;
      }
      valueStart = c === ':' && (i + 1 === line.length || /\s/.test(line[i + 1] as string));
    }
  }
  return lines.join('\n');
}

/**
 * One YAML problem as the CLI prints it: `file:line:column: message`, then the offending line and a
 * caret under the column (the first problem is the one to fix; the rest usually follow from it).
 */
export function formatYamlProblem(file: string, text: string, problem: YamlProblem): string {
  const gutter = `${String(problem.line).padStart(5)} | `;
  const source = (text.split('\n')[problem.line - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
  return [
    `${file}:${problem.line}:${problem.column}: ${problem.message}`,
    `${gutter}${source}`,
    `${' '.repeat(gutter.length + Math.max(problem.column - 1, 0))}^`,
  ].join('\n');
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
