// Renders-per-second for two typical service-proxy templates, parsing once (cached) and rendering many times.
// Run: npx esbuild bench/vtl-render.ts --bundle --platform=node --outfile=.tmp/vtl-render.js && node .tmp/vtl-render.js
import { type MappingInput, renderTemplate } from '../vtl';

const SQS_TEMPLATE =
  "Action=SendMessage&MessageBody=$util.urlEncode($input.body)&MessageGroupId=$util.urlEncode($input.params().path.get('tenant'))";

const DYNAMODB_TEMPLATE = `{
  "TableName": "Orders",
  "Item": {
    "pk": { "S": "$util.escapeJavaScript($input.params('tenant')).replaceAll("\\\\'","'")" },
    "sk": { "S": "ORDER#$util.escapeJavaScript($input.path('$.orderId')).replaceAll("\\\\'","'")" },
    "customer": { "S": "$util.escapeJavaScript($input.path('$.customer.name')).replaceAll("\\\\'","'")" },
    "total": { "N": "$input.path('$.total')" },
    "requestId": { "S": "$context.requestId" }
  }
}`;

const INPUT: MappingInput = {
  body: JSON.stringify({ orderId: 'o-123', customer: { name: "O'Brien & Sons" }, total: 42.5, items: [{ sku: 'a', qty: 2 }] }),
  params: { path: { tenant: 'acme' }, querystring: {}, header: { 'Content-Type': 'application/json' } },
  context: { requestId: 'c0ffee', stage: 'prod' },
};

function measure(name: string, template: string, seconds = 2): void {
  for (let i = 0; i < 20_000; i++) renderTemplate(template, INPUT);
  let renders = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(seconds * 1e9);
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 1000; i++) renderTemplate(template, INPUT);
    renders += 1000;
    elapsed = process.hrtime.bigint() - start;
  }
  const perSecond = Math.round(renders / (Number(elapsed) / 1e9));
  console.log(`${name.padEnd(28)} ${perSecond.toLocaleString('en-US').padStart(10)} renders/s`);
}

console.log(`sample output (DynamoDB):\n${renderTemplate(DYNAMODB_TEMPLATE, INPUT).output}\n`);
measure('SQS SendMessage (form)', SQS_TEMPLATE);
measure('DynamoDB PutItem (JSON)', DYNAMODB_TEMPLATE);
