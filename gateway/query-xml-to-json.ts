/**
 * AWS Query-protocol XML (SNS, SQS) rendered as the JSON AWS answers when the request accepts
 * `application/json` — what API Gateway integrations receive: `{"PublishResponse":{"PublishResult":{...},
 * "ResponseMetadata":{...}}}`, errors as `{"Error":{"Code","Message","Type"},"RequestId"}`. moto always answers XML.
 */
import { decodeXmlEntities } from '../emulators/moto/moto-client';

type JsonValue = string | JsonValue[] | { [key: string]: JsonValue };

interface XmlNode {
  readonly name: string;
  readonly children: XmlNode[];
  text: string;
}

/** Parses element structure and text; attributes, comments and declarations are dropped. */
function parseXml(xml: string): XmlNode | undefined {
  const root: XmlNode = { name: '#root', children: [], text: '' };
  const stack: XmlNode[] = [root];
  const tokens = /<!\[CDATA\[([\s\S]*?)\]\]>|<([/?!]?)([^\s/>]*)[^>]*?(\/?)>|([^<]+)/g;
  for (let match = tokens.exec(xml); match !== null; match = tokens.exec(xml)) {
    const [, cdata, kind, name = '', selfClosing, text] = match;
    const top = stack[stack.length - 1] as XmlNode;
    if (cdata !== undefined) top.text += cdata;
    else if (text !== undefined) top.text += decodeXmlEntities(text);
    else if (kind === '/') stack.pop();
    else if (kind === '') {
      const node: XmlNode = { name, children: [], text: '' };
      top.children.push(node);
      if (selfClosing !== '/') stack.push(node);
    }
  }
  return root.children[0];
}

function toJson(node: XmlNode): JsonValue {
  if (node.children.length === 0) return node.text;
  if (node.children.every((child) => child.name === 'member')) return node.children.map(toJson);
  const object: Record<string, JsonValue> = {};
  for (const child of node.children) {
    // Flattened lists (`<Message>` repeated) become arrays.
    const repeated = node.children.filter((c) => c.name === child.name).length > 1;
    if (repeated) ((object[child.name] ??= []) as JsonValue[]).push(toJson(child));
    else object[child.name] = toJson(child);
  }
  return object;
}

/** Converts a Query response or `ErrorResponse` document to AWS's JSON form; undefined when it is not XML. */
export function queryXmlToJson(xml: string): Record<string, unknown> | undefined {
  const root = parseXml(xml.trim());
  if (root === undefined) return undefined;
  if (root.name === 'ErrorResponse') {
    const error = root.children.find((c) => c.name === 'Error');
    const field = (name: string) => error?.children.find((c) => c.name === name)?.text;
    const requestId = root.children.find((c) => c.name === 'RequestId')?.text;
    return {
      Error: { Code: field('Code') ?? '', Message: field('Message') ?? '', Type: field('Type') ?? 'Sender' },
      ...(requestId !== undefined ? { RequestId: requestId } : {}),
    };
  }
  return { [root.name]: toJson(root) };
}
