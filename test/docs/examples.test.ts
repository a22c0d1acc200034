/**
 * Every YAML example of the README and docs/ is tested: it parses as CloudFormation YAML; a whole
 * template expands without a diagnostic; a fragment of an integration's API surface (Cors, Auth,
 * Response, ...) or a Transform section expands once placed in a small template around it.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandFile } from '../../cli/expand-file';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import { isJsonObject, type Json, type JsonObject } from '../../macro/types';

const ROOT = join(__dirname, '..', '..');
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((page) => join('docs', page))];

/** Properties of an integration that an example may show on their own. */
const SURFACE = new Set(['Cors', 'Auth', 'Response', 'ErrorResponses', 'RequestSchema', 'RequestParameters', 'ApiKeyRequired']);

/** The template a fragment is placed in: a queue, a user pool and one integration on it. */
const BASE = `
Transform: ServiceProxy
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Users:
    Type: AWS::Cognito::UserPool
  SubmitOrder:
    Type: Proxy::ServiceIntegration
    Properties:
      Path: /orders
      Method: POST
      Service: sqs
      Action: SendMessage
      Target: !GetAtt Orders.Arn
`;

interface Example {
  name: string;
  text: string;
}

/** The ```yaml blocks of a page, named by page and line, their common indentation removed. */
function examplesOf(page: string): Example[] {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const out: Example[] = [];
  let start: number | undefined;
  for (const [index, line] of lines.entries()) {
    if (start === undefined && line.trim() === '```yaml') start = index + 1;
    else if (start !== undefined && line.trim() === '```') {
      const body = lines.slice(start, index);
      const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0));
      out.push({ name: `${page}:${start}`, text: body.map((l) => l.slice(indent)).join('\n') });
      start = undefined;
    }
  }
  return out;
}

const examples = PAGES.flatMap(examplesOf);
const work = mkdtempSync(join(tmpdir(), 'service-proxy-docs-'));

/** Parses YAML text as the CLI does, failing with its problems. */
function parse(text: string): JsonObject {
  const parsed = parseCfnYaml(text);
  if (parsed.value === undefined) throw new Error(JSON.stringify(parsed.problems));
  if (!isJsonObject(parsed.value)) throw new Error('not a mapping');
  return parsed.value;
}

/** Expands a template through the CLI's own path, returning the diagnostics (none when it expands). */
function expand(name: string, template: JsonObject): string[] {
  const file = join(work, `${name.replace(/[^A-Za-z0-9]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(template));
  const result = expandFile(file);
  return result.ok ? [] : result.diagnostics.map((d) => `${d.logicalId ?? ''} ${d.path}: ${d.message}`);
}

/** The template an example stands for, or undefined when it is only checked as YAML. */
function templateOf(value: JsonObject): JsonObject | undefined {
  if (Object.hasOwn(value, 'Resources')) return value;
  const base = parse(BASE);
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((key) => SURFACE.has(key))) {
    const integration = (base.Resources as JsonObject).SubmitOrder as JsonObject;
    integration.Properties = { ...(integration.Properties as JsonObject), ...value };
    return base;
  }
  if (keys.length === 1 && keys[0] === 'Transform') return { ...base, Transform: value.Transform as Json };
  return undefined;
}

describe('the examples of the README and docs/', () => {
  it('there are examples to check, whole templates and fragments', () => {
    const templates = examples.map((e) => templateOf(parse(e.text)));
    expect(templates.filter((t) => t !== undefined).length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples.map((e) => [e.name, e.text]))('%s parses and, where it is a template or a fragment of one, expands', (name, text) => {
    const template = templateOf(parse(text));
    if (template !== undefined) expect(expand(name, template)).toEqual([]);
  });
});
