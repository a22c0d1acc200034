import { concat } from '../cloudformation/intrinsics';
import { type Expr, isJsonObject, type Json } from '../types';

/**
 * A mapping template is built from parts: text and deploy-time values (`Expr`), and pieces of VTL
 * that many integrations use identically (a DynamoDB item conversion, an action's response body,
 * a CORS origin echo). Those pieces are marked as shareable; once every integration of the template
 * is emitted, `shareMappingTemplates` writes each piece that recurs once, in the template's
 * Mappings, and the templates read it with Fn::FindInMap. Until then a template with shareable
 * pieces is held as a TemplateParts, which serializes (JSON.stringify) as its inline text: anything
 * computed from the emitted resources, such as a deployment's hash, sees the effective template.
 */

/** The marker key of a shareable piece of text. */
export const SHARED_TEXT_KEY = 'ServiceProxy::SharedText';

/** A piece of VTL that integrations may share. */
export type SharedText = { [SHARED_TEXT_KEY]: string };

/** One part of a mapping template. */
export type TemplatePart = Expr | SharedText;

/** A mapping template with shareable parts, as held between emission and the sharing pass. */
export class TemplateParts {
  private inline: Expr | undefined;

  constructor(readonly parts: readonly TemplatePart[]) {}

  /** The template with every part inline: what it is when nothing is shared. */
  toJSON(): Expr {
    this.inline ??= concat(this.parts.map((p) => (isSharedText(p) ? p[SHARED_TEXT_KEY] : p)));
    return this.inline;
  }
}

/** A mapping template as emitted: a string or Fn::Sub, or parts still to be resolved. */
export type MappingTemplate = Expr | TemplateParts;

/** Marks text as shareable. */
export function sharedText(text: string): SharedText {
  return { [SHARED_TEXT_KEY]: text };
}

/** Tells whether a value is a shareable-text marker. */
export function isSharedText(value: unknown): value is SharedText {
  return isJsonObject(value) && Object.keys(value).length === 1 && typeof value[SHARED_TEXT_KEY] === 'string';
}

/** Tells whether a value is a mapping template still made of parts. */
export function isTemplateParts(value: unknown): value is TemplateParts {
  return value instanceof TemplateParts;
}

/** Literal text at least this long between deploy-time values is shareable as it is. */
const MIN_SHAREABLE_RUN = 200;

/**
 * A mapping template from its parts: plain text or Fn::Sub when nothing in it is shareable. Long
 * runs of literal text between deploy-time values (a request body shape after its `${Table}`) are
 * shareable too: routes of the same shape on different targets differ only in those values.
 */
export function mappingTemplate(parts: readonly TemplatePart[]): MappingTemplate {
  const out: TemplatePart[] = [];
  let run: string[] = [];
  const flush = () => {
    const text = run.join('');
    run = [];
    if (text !== '') out.push(text.length >= MIN_SHAREABLE_RUN ? sharedText(text) : text);
  };
  for (const part of parts) {
    if (typeof part === 'string') run.push(part);
    else {
      flush();
      if (!isSharedText(part) || part[SHARED_TEXT_KEY] !== '') out.push(part);
    }
  }
  flush();
  if (!out.some(isSharedText)) return concat(out as Expr[]);
  return new TemplateParts(out);
}

/**
 * Renders a template's parts, deciding for each shareable piece whether it is written inline or
 * read from the Mappings (`readShared` gives the Fn::FindInMap, or undefined to inline it).
 * Without any shared piece the result is exactly what `concat` makes of the inlined text.
 */
export function renderTemplateParts(parts: readonly TemplatePart[], readShared: (text: string) => Json | undefined): Expr {
  const items: Json[] = [];
  let run: Expr[] = [];
  const flush = () => {
    if (run.length === 0) return;
    items.push(concat(run) as Json);
    run = [];
  };
  for (const part of parts) {
    if (!isSharedText(part)) {
      run.push(part);
      continue;
    }
    const text = part[SHARED_TEXT_KEY];
    const shared = readShared(text);
    if (shared === undefined) run.push(text);
    else {
      flush();
      items.push(shared);
    }
  }
  flush();
  // A template that is one shared text is its Fn::FindInMap alone.
  if (items.length === 1) return items[0] as Expr;
  return { 'Fn::Join': ['', items] };
}
