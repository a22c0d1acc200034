/** The CLI's help texts: one synopsis, description, options and examples per command. Data only, loaded at start-up. */

/** The package users install; its bin is `service-proxy`. */
export const PACKAGE_NAME = '@service-proxy/cli';

/** One command's help. */
export interface CommandHelp {
  /** `expand <template> [--format json|yaml] ...`, without the leading `service-proxy`. */
  synopsis: string;
  summary: string;
  /** Option rows: flag(s) and what they do. */
  options: readonly (readonly [string, string])[];
  examples: readonly string[];
  /** What each exit code means for this command. */
  exitCodes: string;
}

const PARAMETER: readonly [string, string] = [
  '--parameter Name=Value',
  'a template parameter value (repeatable); others take their Default',
];
const REGION_ACCOUNT: readonly [string, string] = [
  '--region R, --account A',
  'pseudo parameters for ARNs and URIs (default us-east-1, 123456789012)',
];

/** Every command, in the order the top-level usage lists them. */
export const COMMANDS = {
  expand: {
    synopsis: 'expand <template> [--format json|yaml] [-o file] [--parameter Name=Value]...',
    summary: 'Expand Proxy::ServiceIntegration resources, exactly as the macro does at deploy time.',
    options: [
      ['--format json|yaml', 'the output format (default json)'],
      ['-o, --output FILE', 'write the expansion to FILE (written whole, or not at all) instead of standard output'],
      PARAMETER,
    ],
    examples: [
      'service-proxy expand template.yaml -o expanded.json',
      'service-proxy expand template.yaml --format yaml --parameter Stage=dev',
    ],
    exitCodes: '0 expanded; 1 invalid template (one line per problem on stderr) or the output cannot be written; 2 usage error.',
  },
  validate: {
    synopsis: 'validate <template> [--format text|json|sarif] [--parameter Name=Value]... [--validator cfn-lint|cloudformation-validate]',
    summary:
      'Expand, then validate the result offline: with cfn-lint when it is on the PATH, else with\n' +
      '@aws/cloudformation-validate (bundled); --validator forces one. Also checks the Transform section.',
    options: [
      ['--format text|json|sarif', 'findings as lines (default), as JSON, or as SARIF 2.1.0 for code-scanning UIs'],
      ['--validator cfn-lint|cloudformation-validate', 'the validator to run (default: cfn-lint when on the PATH)'],
      PARAMETER,
    ],
    examples: [
      'service-proxy validate template.yaml',
      'service-proxy validate template.yaml --format sarif > service-proxy.sarif',
      'service-proxy validate template.yaml --format json --validator cloudformation-validate',
    ],
    exitCodes: '0 no findings; 1 invalid template or any finding; 2 usage error, or a forced validator is missing.',
  },
  render: {
    synopsis:
      'render <template> --method M --path P [--header K:V]... [--query k=v]... [--body B | --body-file F]\n' +
      '         [--context k=v]... [--stage-variable k=v]... [--region R] [--account A] [--parameter Name=Value]...\n' +
      '         [--response-status S [--response-body B] [--response-header K:V]...]',
    summary:
      'Print the integration request API Gateway would send the service for one request, as JSON\n' +
      '{ uri, integrationHttpMethod, headers, body }; with --response-status, also the mapped client response.',
    options: [
      ['--method M --path P', 'the request; P may carry a query string (/orders?x=1)'],
      ['--header K:V, --query k=v', 'request headers and query parameters (repeatable)'],
      ['--body B, --body-file F', 'the request body (a file is read as bytes)'],
      ['--context k=v', '$context values, dotted for nested ones (--context identity.sourceIp=10.0.0.1)'],
      ['--stage-variable k=v', '$stageVariables values'],
      REGION_ACCOUNT,
      PARAMETER,
      ['--response-status S, --response-body B, --response-header K:V', 'a service response to map'],
    ],
    examples: [
      'service-proxy render template.yaml --method POST --path /orders --body \'{"sku":"A-1"}\'',
      'service-proxy render template.yaml --method GET --path /orders/42 --response-status 200 --response-body \'{"Item":{}}\'',
    ],
    exitCodes: '0 printed; 1 invalid template, or the request cannot be rendered (says what API Gateway would answer); 2 usage error.',
  },
  serve: {
    synopsis:
      'serve <template> [--port N] [--host 127.0.0.1] [--allow-host name]... [--backend embedded|moto] [--endpoint service=url]...\n' +
      '        [--api-key K]... [--api-keys-file F] [--deny-unauthenticated] [--verbose] [--region R] [--account A] [--parameter Name=Value]...',
    summary: 'Serve the API on localhost as API Gateway would, against embedded AWS emulators (or moto, or --endpoint).',
    options: [
      ['--port N, --host H', 'where to listen (default 127.0.0.1:3000; --port 0 picks a free port)'],
      ['--allow-host name', 'also accept requests whose Host is this name (default: loopback names and --host only)'],
      ['--backend embedded|moto', 'the AWS emulators: embedded (default) or one moto_server'],
      ['--endpoint service=url', "send one service's calls elsewhere, e.g. --endpoint sqs=http://localhost:4566"],
      ['--api-key K, --api-keys-file F', 'keys accepted on methods with ApiKeyRequired (a file: one per line)'],
      ['--deny-unauthenticated', 'require an Authorization header on authorized methods (never verified)'],
      ['--verbose', 'log the integration request and the raw service response of every request'],
      REGION_ACCOUNT,
      PARAMETER,
    ],
    examples: [
      'service-proxy serve template.yaml --port 3000',
      'service-proxy serve template.yaml --backend moto --verbose',
      'service-proxy serve template.yaml --endpoint sqs=http://localhost:4566',
    ],
    exitCodes: '0 stopped by Ctrl+C or SIGTERM; 1 invalid template, or it cannot start (port in use, host, emulator); 2 usage error.',
  },
  schema: {
    synopsis: 'schema [--template | --type <type>]',
    summary:
      'Print the JSON Schema of Proxy::ServiceIntegration Properties (or, with --type Proxy::Api, of\n' +
      'Proxy::Api Properties), or with --template a schema for whole template files that checks both\n' +
      'resource types (for the YAML language server).',
    options: [
      ['--template', 'a schema for whole template files, short-form tags (!Ref, !GetAtt, !Sub...) included'],
      ['--type <type>', 'the resource type whose Properties schema to print: Proxy::ServiceIntegration (default) or Proxy::Api'],
    ],
    examples: ['service-proxy schema --template > .vscode/service-proxy.schema.json', 'service-proxy schema --type Proxy::Api'],
    exitCodes: '0 printed; 2 usage error.',
  },
} as const satisfies Record<string, CommandHelp>;

/** A command's name. */
export type CommandName = keyof typeof COMMANDS;

/** Tells whether a word names a command. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The exit codes every command shares. */
export const EXIT_CODES =
  'Exit codes: 0 success; 1 invalid template, findings, or the command could not do its work (a file,\n' +
  'a port, a host: one line says why); 2 usage error or forced validator missing; 3 internal error (a bug:\n' +
  'the message says how to report it).';

/** The top-level usage: every command's synopsis and summary, the global options and exit codes. */
export function topLevelUsage(): string {
  const commands = Object.values(COMMANDS).map((c: CommandHelp) => `  ${c.synopsis}\n${indent(c.summary, 6)}`);
  return [
    'Usage: service-proxy <command> [options]',
    '',
    'Commands:',
    ...commands,
    '  help [command]',
    "      This text, or one command's options and examples (also: service-proxy <command> --help).",
    '',
    'Options of every command:',
    "  --help, -h      the command's options and examples",
    '  --version, -V   the version of service-proxy',
    '  --no-color      no colours (also: the NO_COLOR environment variable; colours only on a terminal)',
    '',
    EXIT_CODES,
    '',
    `Package: ${PACKAGE_NAME} (npx ${PACKAGE_NAME} expand template.yaml)`,
  ].join('\n');
}

/** One command's usage: synopsis, summary, options, examples and exit codes. */
export function commandUsage(name: string): string {
  if (!isCommandName(name)) return topLevelUsage();
  const help: CommandHelp = COMMANDS[name];
  const width = Math.max(...help.options.map(([flag]) => flag.length));
  return [
    `Usage: service-proxy ${help.synopsis}`,
    '',
    help.summary,
    '',
    'Options:',
    ...help.options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    `  ${'--no-color'.padEnd(width)}  no colours (also NO_COLOR)`,
    '',
    'Examples:',
    ...help.examples.map((example) => `  ${example}`),
    '',
    `Exit codes: ${help.exitCodes}`,
  ].join('\n');
}

function indent(text: string, spaces: number): string {
  return text.replace(/^/gm, ' '.repeat(spaces));
}
