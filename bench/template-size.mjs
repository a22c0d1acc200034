// Template size, as CloudFormation receives it: the expanded template as compact JSON (its body quota
// is 1,000,000 bytes) and its resource count (500), for the same routes in each way of writing the
// API: the implicit API, a Proxy::Api with `Definition: Resources`, and one with `Definition: OpenApi`.
// Issue 16's targets: shared mapping templates keep 150 DynamoDB-heavy routes ≤ 400 KB and a second
// route of an action already present ≤ 2 KB; OpenApi keeps 280 routes with CORS ≤ 25 generated
// resources and ≤ 700 KB, cfn-lint clean.
//
// Run alone: `node bench/template-size.mjs` prints the section (no build needed, a few seconds plus
// one cfn-lint run when cfn-lint is on the PATH); bench/run.mjs includes it in BENCHMARKS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCore } from './bundle-core.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK_DIR = path.join(ROOT, '.tmp', 'bench');
const FACTS_DIR = path.join(ROOT, 'macro', 'service-facts', 'data');
const SAMPLE_280 = 'samples/openapi-mode-280-routes.yaml';

/** Issue 16's size targets, in bytes as CloudFormation counts them (KB = 1,000 bytes here). */
export const SIZE_TARGETS = {
  dynamoDbHeavy150Bytes: 400_000,
  secondRouteBytes: 2_000,
  openApi280GeneratedResources: 25,
  openApi280Bytes: 700_000,
};

/** The ways of writing the same routes' API. */
const MODES = [
  { key: 'implicit', label: 'implicit API (no Proxy::Api)', definition: undefined },
  { key: 'resources', label: 'Proxy::Api, `Definition: Resources`', definition: 'Resources' },
  { key: 'openapi', label: 'Proxy::Api, `Definition: OpenApi`', definition: 'OpenApi' },
];

/** The route sets measured in every mode. */
const ROUTE_SETS = [
  { key: 'heavy150', routes: 150, cors: false },
  { key: 'heavy280cors', routes: 280, cors: true },
];

const CONTEXT = { params: {}, templateParameterValues: {} };

function bytesOf(template) {
  return Buffer.byteLength(JSON.stringify(template), 'utf8');
}

function kb(bytes) {
  return `${(bytes / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB`;
}

function signedBytes(bytes) {
  return `${bytes >= 0 ? '+' : ''}${bytes.toLocaleString('en-US')} bytes`;
}

function verdict(ok) {
  return ok ? 'met' : 'MISSED';
}

/** The resources a template declares that are not the macro's: they pass through the expansion unchanged. */
function ownResourceCount(template) {
  return Object.values(template.Resources ?? {}).filter((r) => !String(r?.Type).startsWith('Proxy::')).length;
}

/**
 * Expands through the real pipeline; a template over CloudFormation's limits fails there (and that
 * outcome is reported), so its size comes from the same pipeline with the limit check stubbed out.
 */
function expandMeasured(core, unlimited, template, context = CONTEXT) {
  const real = core.transformTemplate(template, context);
  const output = real.ok ? real.template : unlimited.transformTemplate(template, context);
  if (!real.ok && !output.ok) throw new Error(`does not expand even without limits: ${JSON.stringify(output.diagnostics.slice(0, 3))}`);
  const expanded = real.ok ? output : output.template;
  const resources = Object.keys(expanded.Resources ?? {}).length;
  return {
    ok: real.ok,
    firstDiagnostic: real.ok ? undefined : real.diagnostics[0]?.code,
    bytes: bytesOf(expanded),
    resources,
    generatedResources: resources - ownResourceCount(template),
    template: expanded,
  };
}

/** The template plus one more route of `action`, cloned from its first route onto a new path below it (same target). */
function withSecondRoute(template, service, action) {
  const resources = template.Resources;
  const first = Object.values(resources).find(
    (r) => r.Type === 'Proxy::ServiceIntegration' && r.Properties.Service === service && r.Properties.Action === action,
  );
  const properties = { ...first.Properties, Path: `${first.Properties.Path}/again` };
  return { ...template, Resources: { ...resources, SecondRoute: { ...first, Properties: properties } } };
}

/** The distinct service actions of a template's routes, in order of first use. */
function actionsOf(template) {
  const seen = new Map();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'Proxy::ServiceIntegration') continue;
    const { Service: service, Action: action } = resource.Properties;
    seen.set(`${service} ${action}`, { service, action });
  }
  return [...seen.values()];
}

/** Lints the given templates in one cfn-lint run; undefined when cfn-lint is not on the PATH. */
async function lint(core, templates) {
  const executable = core.findCfnLint();
  if (executable === undefined) return undefined;
  mkdirSync(WORK_DIR, { recursive: true });
  const files = Object.fromEntries(Object.keys(templates).map((name) => [name, path.join(WORK_DIR, `size-${name}.json`)]));
  // Compact JSON, as the macro hands it over: cfn-lint's E1002 (1 MB) counts the file's bytes.
  for (const [name, template] of Object.entries(templates)) writeFileSync(files[name], JSON.stringify(template));
  const t0 = performance.now();
  const [version, findings] = await Promise.all([core.cfnLintVersion(executable), core.lintFiles(Object.values(files), executable)]);
  const seconds = (performance.now() - t0) / 1000;
  const findingsOf = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, findings.filter((f) => f.file === file)]));
  return { version, seconds, findingsOf };
}

/** Measures every route set in every mode, the second-route costs, the 280-route sample, and lints the OpenApi ones. */
export async function measureTemplateSizes(core, unlimited) {
  const sets = ROUTE_SETS.map((set) => ({
    ...set,
    modes: MODES.map((mode) => {
      const input = core.generateDynamoDbHeavyTemplate(set.routes, { cors: set.cors, definition: mode.definition });
      const { template, ...figures } = expandMeasured(core, unlimited, input);
      return { ...mode, ...figures, template };
    }),
  }));
  const secondRoutes = [];
  for (const cors of [false, true]) {
    for (const mode of MODES) {
      const base = core.generateDynamoDbHeavyTemplate(150, { cors, definition: mode.definition });
      const baseBytes = expandMeasured(core, unlimited, base).bytes;
      for (const { service, action } of actionsOf(base)) {
        const added = expandMeasured(core, unlimited, withSecondRoute(base, service, action));
        secondRoutes.push({ cors, mode: mode.key, service, action, addedBytes: added.bytes - baseBytes });
      }
    }
  }
  const loaded = core.loadTemplate(path.join(ROOT, SAMPLE_280));
  const sampleContext = {
    params: loaded.macroParams,
    templateParameterValues: loaded.parameterValues,
    serviceFacts: core.readServiceFacts(FACTS_DIR),
  };
  const { template: sampleTemplate, ...sample } = expandMeasured(core, unlimited, loaded.fragment, sampleContext);
  const openApi280 = sets.find((s) => s.key === 'heavy280cors').modes.find((m) => m.key === 'openapi');
  const lintRun = await lint(core, { generated: openApi280.template, sample: sampleTemplate });
  for (const set of sets) for (const mode of set.modes) delete mode.template;
  return { sets, secondRoutes, sample: { file: SAMPLE_280, ...sample }, lint: lintRun };
}

/** The rows of issue 16's targets, for the targets table: [target, measured, verdict]. */
export function templateSizeTargetRows({ sets, secondRoutes, sample, lint: lintRun }) {
  const at = (setKey, modeKey) => sets.find((s) => s.key === setKey).modes.find((m) => m.key === modeKey);
  const heavy = at('heavy150', 'implicit');
  const worstOf = (cors) => secondRoutes.filter((r) => r.cors === cors).reduce((a, b) => (b.addedBytes > a.addedBytes ? b : a));
  const worstSecond = worstOf(false);
  const worstSecondWithCors = worstOf(true);
  const openApi = at('heavy280cors', 'openapi');
  const lintCell = (name) => {
    if (lintRun === undefined) return ['not run (cfn-lint is not on the PATH)', 'not measured'];
    const findings = lintRun.findingsOf[name];
    const detail = findings.map((f) => f.ruleId).join(', ');
    return [`${findings.length} findings (cfn-lint ${lintRun.version})${detail ? `: ${detail}` : ''}`, verdict(findings.length === 0)];
  };
  return [
    [
      `150 DynamoDB-heavy routes (mixed with SQS, SNS, EventBridge) ≤ ${kb(SIZE_TARGETS.dynamoDbHeavy150Bytes)} expanded (compact JSON)`,
      `${kb(heavy.bytes)} (${heavy.bytes.toLocaleString('en-US')} bytes), ${heavy.resources} resources`,
      verdict(heavy.ok && heavy.bytes <= SIZE_TARGETS.dynamoDbHeavy150Bytes),
    ],
    [
      `a second route of an action already present adds ≤ ${kb(SIZE_TARGETS.secondRouteBytes)} (worst action, any mode, on a new path, no CORS)`,
      `${signedBytes(worstSecond.addedBytes)} (${worstSecond.service} ${worstSecond.action}, ${MODES.find((m) => m.key === worstSecond.mode).label})`,
      verdict(worstSecond.addedBytes <= SIZE_TARGETS.secondRouteBytes),
    ],
    [
      'for information, not a target: the same with CORS, whose new path also gets a preflight method and each method response a CORS header',
      `${signedBytes(worstSecondWithCors.addedBytes)} (${worstSecondWithCors.service} ${worstSecondWithCors.action}, ${MODES.find((m) => m.key === worstSecondWithCors.mode).label})`,
      worstSecondWithCors.addedBytes <= SIZE_TARGETS.secondRouteBytes
        ? `within ${kb(SIZE_TARGETS.secondRouteBytes)}`
        : `${kb(worstSecondWithCors.addedBytes - SIZE_TARGETS.secondRouteBytes)} over ${kb(SIZE_TARGETS.secondRouteBytes)}`,
    ],
    [
      `280 mixed routes, all with CORS, \`Definition: OpenApi\`: ≤ ${SIZE_TARGETS.openApi280GeneratedResources} generated resources`,
      `${openApi.generatedResources} generated (${openApi.resources} in all); ${SAMPLE_280}: ${sample.generatedResources} (${sample.resources})`,
      verdict(
        openApi.ok &&
          sample.ok &&
          Math.max(openApi.generatedResources, sample.generatedResources) <= SIZE_TARGETS.openApi280GeneratedResources,
      ),
    ],
    [
      `280 mixed routes, all with CORS, \`Definition: OpenApi\`: ≤ ${kb(SIZE_TARGETS.openApi280Bytes)}`,
      `${kb(openApi.bytes)}; ${SAMPLE_280}: ${kb(sample.bytes)}`,
      verdict(Math.max(openApi.bytes, sample.bytes) <= SIZE_TARGETS.openApi280Bytes),
    ],
    [
      '280 mixed routes, all with CORS, `Definition: OpenApi`: cfn-lint clean (generated routes; the sample)',
      `${lintCell('generated')[0]}; ${lintCell('sample')[0]}`,
      lintRun === undefined ? 'not measured' : verdict(lintCell('generated')[1] === 'met' && lintCell('sample')[1] === 'met'),
    ],
  ];
}

/** One row of a Markdown table. */
function tableRow(...cells) {
  return `| ${cells.join(' | ')} |`;
}

/** The BENCHMARKS.md section; `withTargets: false` leaves the target rows to the caller's own targets table. */
export function templateSizeMarkdown(result, { withTargets = true } = {}) {
  const { sets, secondRoutes, sample, lint: lintRun } = result;
  const lines = ['## Template size: shared mapping templates and `Definition: OpenApi`', ''];
  lines.push(
    'The expanded template as CloudFormation receives it: compact JSON bytes (its quota is 1,000,000 bytes; KB = 1,000 bytes here) and resources (its quota is 500). ' +
      'Routes from `generateDynamoDbHeavyTemplate` (bench/generate-template.ts): per entity `/eN`, DynamoDB PutItem (twice), Query, GetItem, UpdateItem, DeleteItem and Scan, ' +
      'plus EventBridge PutEvents, SQS SendMessage and SNS Publish, over 5 tables, queues, topics and buses declared in the template; ' +
      '"generated" counts the resources the expansion adds (the template\'s own 20 pass through).',
    '',
  );
  if (withTargets) {
    lines.push('| target | measured | |', '|---|---|---|');
    for (const row of templateSizeTargetRows(result)) lines.push(tableRow(...row));
    lines.push('');
  } else lines.push('Targets: in the table at the top.', '');
  lines.push('### The same routes in each mode', '');
  lines.push('| routes | CORS | API | resources (generated) | expanded template | outcome |', '|---|---|---|---|---|---|');
  for (const set of sets) {
    for (const mode of set.modes) {
      const outcome = mode.ok
        ? 'expands'
        : `refused with ${mode.firstDiagnostic} (over CloudFormation's limits); size measured with the limit check stubbed out`;
      lines.push(
        tableRow(
          set.routes,
          set.cors ? 'yes' : 'no',
          mode.label,
          `${mode.resources} (${mode.generatedResources})`,
          kb(mode.bytes),
          outcome,
        ),
      );
    }
  }
  lines.push(
    tableRow(
      280,
      'yes',
      `\`${sample.file}\` (7 services, OpenApi)`,
      `${sample.resources} (${sample.generatedResources})`,
      kb(sample.bytes),
      sample.ok ? 'expands' : `refused with ${sample.firstDiagnostic}`,
    ),
    '',
  );
  lines.push('### What a second route of an action already present adds', '');
  lines.push(
    'The 150-route template plus one route cloned from the first route of each action onto a new path below it (`…/again`, same target): ' +
      'the bytes it adds to the expanded template. The action-wide mapping-template text is already in the shared `Mappings`; ' +
      'what remains per route is its method, its path resource (or OpenAPI path item) and its place in the deployment; ' +
      'with CORS also the new path’s preflight (OPTIONS) method and the CORS header of each method response.',
    '',
  );
  const corsModes = [false, true].flatMap((cors) => MODES.map((m) => ({ cors, mode: m })));
  lines.push(
    `| action | ${corsModes.map(({ cors, mode }) => `${mode.label}${cors ? ', CORS' : ''}`).join(' | ')} |`,
    `|---|${corsModes.map(() => '---|').join('')}`,
  );
  for (const { service, action } of secondRoutes.filter((r) => !r.cors && r.mode === MODES[0].key)) {
    const cells = corsModes.map(({ cors, mode }) =>
      signedBytes(
        secondRoutes.find((r) => r.cors === cors && r.mode === mode.key && r.service === service && r.action === action).addedBytes,
      ),
    );
    lines.push(tableRow(`${service} ${action}`, ...cells));
  }
  lines.push('');
  if (lintRun !== undefined)
    lines.push(
      `cfn-lint ${lintRun.version} (the referee suite's flags, informational checks on) over both 280-route OpenApi expansions: ${lintRun.seconds.toFixed(1)} s.`,
      '',
    );
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(WORK_DIR, { recursive: true });
  const core = await bundleCore(path.join(WORK_DIR, 'core.cjs'), false);
  const unlimited = await bundleCore(path.join(WORK_DIR, 'core-without-limits.cjs'), true);
  console.log(templateSizeMarkdown(await measureTemplateSizes(core, unlimited)));
}
