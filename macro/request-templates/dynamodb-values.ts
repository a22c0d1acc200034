import { sharedText, type TemplatePart } from './template-parts';
import { MAX_FOREACH_ITERATIONS, refuseRequestVtl, tooLargeVtl } from './vtl-limits';
import { jsonStringVtl, vtlStringLiteral } from './vtl-text';

/**
 * DynamoDB attribute values in VTL, both ways: plain JSON from the request → typed attribute values
 * (`{"S": ...}`, `{"N": ...}`, `{"M": {...}}`), and typed items in responses → plain JSON.
 *
 * VTL has no recursion and caps each #foreach at 1000 iterations, so nesting is unrolled to a fixed
 * depth at transform time. Each level is generated once (maps and lists share one loop, over keys or
 * indexes, because `get` works on both), so the template grows linearly with the depth.
 *
 * Types are told apart by the Java methods a value has (`length()` → String, `keySet()` → Map,
 * `subList()` → List, `booleanValue()` → Boolean, `doubleValue()` → Number), not by class names,
 * which depend on the JSON library API Gateway uses inside.
 */

/** Nesting levels below a top-level attribute that maps and lists may have (DynamoDB allows 32). */
export const MAX_NESTING = 8;

const NUMBER_PATTERN = '-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?';

const ITEM_TOO_LARGE = `the item has more than ${MAX_FOREACH_ITERATIONS.toLocaleString('en-US')} attributes, more than a mapping template can carry (its loops stop at ${MAX_FOREACH_ITERATIONS.toLocaleString('en-US')}); send fewer.`;
const NESTED_TOO_LARGE = `a map or list in the item has more than ${MAX_FOREACH_ITERATIONS.toLocaleString('en-US')} entries, more than a mapping template can carry (its loops stop at ${MAX_FOREACH_ITERATIONS.toLocaleString('en-US')}); send fewer.`;

/** `"$!{expr.method()}" != ""`: true when the value has the method (a null result renders empty). */
function has(reference: string, method: string): string {
  return `"$!{${reference}.${method}}" != ""`;
}

/**
 * VTL rendering the plain JSON value `reference` (a VTL reference without its `$`, never null) as a
 * DynamoDB attribute value. Deeper than MAX_NESTING, maps and lists render as `{"NULL":false}`, which
 * DynamoDB rejects (ValidationException, 400) rather than storing a truncated value.
 */
export function marshalVtl(reference: string, level = 1): string {
  const value = `$${reference}`;
  let out = `#if(${has(reference, 'length()')}){"S":"${jsonStringVtl(value)}"}`;
  out += `#elseif(${has(reference, 'booleanValue()')}){"BOOL":${value}}`;
  // A Number's toString has only digits, '.', '-', 'E': nothing that can leave the string.
  out += `#elseif(${has(reference, 'doubleValue()')}){"N":"${value}"}`;
  const container = `${has(reference, 'keySet()')} || ${has(reference, 'subList(0, 0)')}`;
  if (level > MAX_NESTING) return `${out}#elseif(${container}){"NULL":false}#else{"NULL":true}#end`;
  const [values, keys, key, isMap, last] = [`spD${level}`, `spKs${level}`, `spK${level}`, `spIsMap${level}`, `spLast${level}`];
  out += `#elseif(${container})#set($${values} = ${value})`;
  // A map or list longer than VTL's loop cap would be stored cut short: the request is refused instead.
  out += `#if($${values}.size() > ${MAX_FOREACH_ITERATIONS})${refuseRequestVtl(NESTED_TOO_LARGE)}#else`;
  out += `#if(${has(values, 'keySet()')})#set($${isMap} = true)#set($${keys} = $${values}.keySet()){"M":{`;
  out += `#else#set($${isMap} = false)#set($${keys} = [])#if($${values}.size() > 0)#set($${last} = $${values}.size() - 1)#set($${keys} = [0..$${last}])#end{"L":[#end`;
  out += `#foreach($${key} in $${keys})#if($${isMap})"${jsonStringVtl(`$${key}`)}":#end${marshalVtl(`${values}.get($${key})`, level + 1)}#if($foreach.hasNext),#end#end`;
  out += `#if($${isMap})}}#else]}#end#end`;
  return `${out}#else{"NULL":true}#end`;
}

/**
 * VTL rendering the object `reference` as a DynamoDB item `{"name": {typed}, ...}` (without braces),
 * leaving out the attributes in `skip` (key attributes given elsewhere) and continuing after fields
 * already written when `separator` is a VTL variable holding "" or ",". The conversion of one value
 * is the same text in every item template, so it is a shareable part.
 */
export function marshalItemEntriesParts(reference: string, skip: readonly string[], separator: string): TemplatePart[] {
  const condition = skip.map((name) => `$spKey != ${vtlStringLiteral(name)}`).join(' && ');
  const collection = `$${reference}.keySet()`;
  // The loop guard of guardedForeachVtl, written open so that the shared value conversion sits inside it.
  const loop = `#if(${collection}.size() > ${MAX_FOREACH_ITERATIONS})${refuseRequestVtl(ITEM_TOO_LARGE)}#else#foreach($spKey in ${collection})`;
  const entry = `${separator}"${jsonStringVtl('$spKey')}":`;
  const value = sharedText(marshalVtl(`${reference}.get($spKey)`));
  const mark = `#set(${separator} = ",")`;
  return condition === ''
    ? [`${loop}${entry}`, value, `${mark}#end#end`]
    : [`${loop}#if(${condition})${entry}`, value, `${mark}#end#end#end`];
}

/** VTL rendering the typed attribute value `reference` (a map such as {"S": "x"}) as plain JSON. */
export function unmarshalVtl(reference: string, level = 1): string {
  const value = `$${reference}`;
  const string = (v: string) => `"${jsonStringVtl(v)}"`;
  const number = (v: string) => `#if(${v}.matches("${NUMBER_PATTERN}"))${v}#else${string(v)}#end`;
  // A set, map or list past VTL's loop cap marks the answer too large (see unlessTooLargeVtl) instead of cutting it.
  const set = (type: string, item: (v: string) => string) =>
    `#if(${tooLargeVtl(`${value}.get('${type}')`)})#set($spTooLarge = true)#else[#foreach($spSet in ${value}.get('${type}'))${item('$spSet')}#if($foreach.hasNext),#end#end]#end`;
  let out = `#if(${value}.containsKey('S'))${string(`${value}.get('S')`)}`;
  out += `#elseif(${value}.containsKey('N'))#set($spNumber = ${value}.get('N'))${number('$spNumber')}`;
  out += `#elseif(${value}.containsKey('BOOL'))${value}.get('BOOL')`;
  out += `#elseif(${value}.containsKey('B'))${string(`${value}.get('B')`)}`;
  out += `#elseif(${value}.containsKey('SS'))${set('SS', string)}`;
  out += `#elseif(${value}.containsKey('NS'))${set('NS', number)}`;
  out += `#elseif(${value}.containsKey('BS'))${set('BS', string)}`;
  if (level <= MAX_NESTING) {
    const [values, keys, key, isMap, last] = [`spU${level}`, `spUks${level}`, `spUk${level}`, `spUIsMap${level}`, `spULast${level}`];
    out += `#elseif(${value}.containsKey('M') || ${value}.containsKey('L'))`;
    out += `#if((${value}.containsKey('M') && ${tooLargeVtl(`${value}.get('M')`)}) || (${value}.containsKey('L') && ${tooLargeVtl(`${value}.get('L')`)}))#set($spTooLarge = true)#else`;
    out += `#if(${value}.containsKey('M'))#set($${isMap} = true)#set($${values} = ${value}.get('M'))#set($${keys} = $${values}.keySet()){`;
    out += `#else#set($${isMap} = false)#set($${values} = ${value}.get('L'))#set($${keys} = [])#if($${values}.size() > 0)#set($${last} = $${values}.size() - 1)#set($${keys} = [0..$${last}])#end[#end`;
    out += `#foreach($${key} in $${keys})#if($${isMap})${string(`$${key}`)}:#end${unmarshalVtl(`${values}.get($${key})`, level + 1)}#if($foreach.hasNext),#end#end`;
    out += `#if($${isMap})}#else]#end#end`;
  }
  // NULL, and values nested deeper than the template unrolls.
  return `${out}#{else}null#end`;
}

/** VTL rendering the typed item `reference` (attribute name → typed value) as a plain JSON object. */
export function unmarshalItemVtl(reference: string): string {
  return `#if(${tooLargeVtl(`$${reference}.keySet()`)})#set($spTooLarge = true)#else{#foreach($spAttribute in $${reference}.keySet())"${jsonStringVtl('$spAttribute')}":${unmarshalVtl(`${reference}.get($spAttribute)`)}#if($foreach.hasNext),#end#end}#end`;
}
