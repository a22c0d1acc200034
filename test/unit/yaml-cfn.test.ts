import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCfnYaml } from '../../cli/yaml-cfn';

// Templates are YAML as CloudFormation reads it (PyYAML semantics, as cfn-lint and SAM use): what
// PyYAML accepts, the CLI accepts with the same value; a YAML error is one clear message.

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

/** PyYAML's reading of a text, short-form tags taken as plain values (they are not what is compared here). */
function pyYaml(text: string): unknown {
  const script = [
    'import json, sys, yaml',
    'class L(yaml.SafeLoader): pass',
    'L.add_multi_constructor("!", lambda l, s, n: l.construct_scalar(n) if isinstance(n, yaml.ScalarNode) else None)',
    'print(json.dumps(yaml.load(sys.stdin.read(), Loader=L)))',
  ].join('\n');
  const result = spawnSync('python3', ['-c', script], { input: text, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`PyYAML (python3 -c 'import yaml') failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('YAML as CloudFormation reads it', () => {
  it.each([
    {
      name: 'a flow mapping whose entries sit at its key’s indentation',
      text: 'Resources:\n  A:\n    Properties: {\n    "QueueName": "q",\n    "DelaySeconds": 5\n    }\n    Type: AWS::SQS::Queue\n',
    },
    { name: 'a flow mapping closed at column 1', text: 'A:\n  Body: {\n"a": "b"\n}\nB: 1\n' },
    { name: 'a flow sequence under-indented', text: 'A:\n  List: [\n  1,\n  2\n  ]\n  Next: x\n' },
    { name: 'nested flow collections under-indented', text: 'A:\n  Body: {\n  "a": [1,\n2], "b": {"c":\n"d"}\n  }\n' },
    {
      name: 'a quoted scalar and a comment inside the flow',
      text: 'A:\n  Body: {\n  "a": "x, y}",  # not the end }\n  b: \'it\'\'s\'\n  }\n  C: |\n    { not flow\n',
    },
  ])('accepts $name, with the value PyYAML reads', ({ text }) => {
    const parsed = parseCfnYaml(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.value).toEqual(pyYaml(text));
  });

  it('still rejects a flow mapping that is never closed', () => {
    expect(parseCfnYaml('A:\n  Body: {\n  "a": "b"\nB: 1\n').problems.length).toBeGreaterThan(0);
  });

  it('prints only the first YAML error, with line, column, the offending line and a caret', () => {
    const work = mkdtempSync(join(tmpdir(), 'service-proxy-yaml-'));
    const file = join(work, 'broken.yaml');
    writeFileSync(file, 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: [1, 2}\n  B: [\n    x\n');
    const result = spawnSync(process.execPath, [CLI, 'expand', file], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:4:\\d+: \\S`));
    expect(lines[1]).toBe('    4 |     Properties: {QueueName: [1, 2}');
    const column = Number(/:4:(\d+):/.exec(lines[0] as string)?.[1]);
    expect(lines[2]).toBe(`${' '.repeat('    4 | '.length + column - 1)}^`);
  });
});
