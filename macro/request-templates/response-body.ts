/**
 * Shaped responses (`Response.Body`, `ErrorResponses[].Body`, `Response.Choices`): a JSON value
 * built from literals and selectors of the service's answer (`$response.body…`), of the request
 * (`$request.header|querystring|path…`) and `$context`, with lists of the answer projected item
 * by item (`ItemsPath` + `ItemSelector`, Step Functions' words), and the status chosen by the
 * first choice whose condition on the answer holds.
 */

import { describeValue, quoted } from '../diagnostics';
import type { Problem, PropertyPath } from '../problem';
import { within } from '../problem';
import { joinedTextVtl, parseJoinedText, parseSelector, type Selector, selectorToVtl, toJsonPath } from '../selectors';
import { isIntrinsic, isJsonObject, type Json, type JsonObject } from '../types';
import { MAX_FOREACH_ITERATIONS, unlessTooLargeVtl } from './vtl-limits';
import { inertJson, jsonStringVtl, vtlStringLiteral } from './vtl-text';

/** The keys of a projection: the list of the answer, and the shape of each of its items. */
export const ITEMS_PATH = 'ItemsPath';
export const ITEM_SELECTOR = 'ItemSelector';

/** How deep a Body may nest: deeper than any answer worth shaping, and a bound on the walk. */
const MAX_DEPTH = 12;

/** The most choices a response may list. */
const MAX_CHOICES = 20;

/** Where a selector of the answer reads: the whole answer, or the current item of a projection. */
interface Scope {
  /** The JSONPath of the current item, with its loop index (`$.Items[${spIndex1}]`); absent outside a projection. */
  itemPath?: string;
  depth: number;
}

/** Choices of status on the answer, decided before the body is written. */
export interface ResponseChoices {
  /** VTL statements that set `$spChoice` to the number of the first choice whose condition holds (0: none). */
  decide: string;
  /** Per choice: the status and, when the choice has its own Body, its template. */
  choices: readonly { statusCode: string; template?: string }[];
}

const COMPARATORS = ['StringEquals', 'NumericEquals', 'BooleanEquals', 'IsPresent'] as const;

class ResponseBodyWriter {
  private variables = 0;
  /** Whether a projection may find a list too long to carry (the template then refuses the answer). */
  projects = false;

  constructor(
    private readonly problems: Problem[],
    private readonly namespace: string,
  ) {}

  private variable(kind: string): string {
    return `$sp${this.namespace}${kind}${++this.variables}`;
  }

  private problem(at: PropertyPath, message: string): string {
    this.problems.push({ path: at, message });
    return 'null';
  }

  /** VTL writing one value of the Body as JSON. */
  value(raw: Json, at: PropertyPath, scope: Scope): string {
    if (scope.depth > MAX_DEPTH) return this.problem(at, `is nested more than ${MAX_DEPTH} levels deep.`);
    if (isIntrinsic(raw))
      return this.problem(
        at,
        'intrinsic functions cannot stand in a response Body (a mapping template is text); write the value, or read it with a selector.',
      );
    if (typeof raw === 'string') return this.text(raw, at, scope);
    if (Array.isArray(raw))
      return `[${raw.map((item, i) => this.value(item, [...at, i], { ...scope, depth: scope.depth + 1 })).join(',')}]`;
    if (isJsonObject(raw)) {
      const keys = Object.keys(raw);
      if (keys.includes(ITEMS_PATH) || keys.includes(ITEM_SELECTOR)) return this.projection(raw, at, scope);
      const fields = keys.map(
        (key) => `${inertJson(key)}:${this.value(raw[key] as Json, [...at, key], { ...scope, depth: scope.depth + 1 })}`,
      );
      return `{${fields.join(',')}}`;
    }
    return inertJson(raw);
  }

  /** A string: a selector, a text joined with request selectors, or a literal. */
  private text(raw: string, at: PropertyPath, scope: Scope): string {
    const answer = this.answerPath(raw, at, scope);
    if (answer !== undefined) {
      if (answer === null) return 'null';
      const variable = this.variable('Value');
      // The JSON of the value as the answer holds it; null when it holds none.
      return `#set(${variable} = "")#set(${variable} = $input.json("${answer}"))#if("$!${variable.slice(1)}" == "")null#else\${${variable.slice(1)}}#end`;
    }
    if (raw.startsWith('$')) {
      const selector = this.requestSelector(raw, at);
      if (selector === undefined) return 'null';
      const variable = this.variable('Value');
      return `#set(${variable} = "")#set(${variable} = ${selectorToVtl(selector)})#if("$!${variable.slice(1)}" == "")null#else"${jsonStringVtl(variable)}"#end`;
    }
    if (/\$(response\.|item\b)/.test(raw))
      return this.problem(
        at,
        `${quoted(raw)} joins text with a selector of the answer, which a text cannot hold (the answer's values are JSON); give the selector alone as the field's value.`,
      );
    const joined = parseJoinedText(raw);
    if (joined === undefined) return inertJson(raw);
    if (!joined.ok) {
      this.problems.push(...within(at, joined.problems));
      return 'null';
    }
    const body = joined.value.find((part) => typeof part !== 'string' && part.source === 'body');
    if (body !== undefined) return this.problem(at, REQUEST_BODY_GONE);
    return `"${jsonStringVtl(joinedTextVtl(joined.value))}"`;
  }

  /**
   * The JSONPath a selector of the answer reads (`$response.body.a` → `$.a`, `$item.b` inside a
   * projection → `$.Items[${spIndex1}].b`); undefined when the text is no such selector, null when
   * it is a malformed one (reported).
   */
  answerPath(raw: string, at: PropertyPath, scope: Scope): string | null | undefined {
    const isItem = raw === '$item' || raw.startsWith('$item.') || raw.startsWith('$item[');
    if (!isItem && raw !== '$response.body' && !raw.startsWith('$response.')) return undefined;
    if (isItem && scope.itemPath === undefined) {
      this.problem(at, `${quoted(raw)} reads an item of a projection, and is only meaningful inside ${ITEM_SELECTOR}.`);
      return null;
    }
    const rest = isItem ? raw.slice('$item'.length) : raw.startsWith('$response.body') ? raw.slice('$response.body'.length) : undefined;
    const parsed = rest === undefined ? undefined : parseSelector(`$request.body${rest}`);
    if (parsed === undefined || !parsed.ok || parsed.value.source !== 'body') {
      this.problem(
        at,
        `${describeValue(raw)} is not a selector of the answer; use "$response.body" or a JSON path below it such as "$response.body.Item.id.S"` +
          `${scope.itemPath === undefined ? '' : ', or "$item.name" inside ItemSelector'}.`,
      );
      return null;
    }
    const path = toJsonPath(parsed.value.jsonPath);
    return isItem ? `${scope.itemPath}${path.slice(1)}` : path;
  }

  /** A selector of the request or its context; the request body is gone by the time the answer is mapped. */
  private requestSelector(raw: string, at: PropertyPath): Selector | undefined {
    const parsed = parseSelector(raw);
    if (!parsed.ok) {
      this.problems.push(...within(at, parsed.problems));
      return undefined;
    }
    if (parsed.value.source === 'body') {
      this.problem(at, REQUEST_BODY_GONE);
      return undefined;
    }
    return parsed.value;
  }

  /**
   * `{ItemsPath, ItemSelector}`: a JSON array with one element per item of a list of the answer. A
   * list longer than VTL's loop cap marks the answer too large (a 502), never a truncated list.
   */
  private projection(raw: JsonObject, at: PropertyPath, scope: Scope): string {
    const extra = Object.keys(raw).filter((k) => k !== ITEMS_PATH && k !== ITEM_SELECTOR);
    if (extra.length > 0 || !Object.hasOwn(raw, ITEMS_PATH) || !Object.hasOwn(raw, ITEM_SELECTOR))
      return this.problem(
        at,
        `a projection has exactly ${ITEMS_PATH} (a list of the answer, e.g. "$response.body.Items") and ${ITEM_SELECTOR} (the shape of each item, reading it with "$item…"); received the keys ${Object.keys(raw).join(', ')}.`,
      );
    const itemsPath = raw[ITEMS_PATH];
    const listPath = typeof itemsPath === 'string' ? this.answerPath(itemsPath, [...at, ITEMS_PATH], scope) : undefined;
    if (listPath === undefined)
      return this.problem(
        [...at, ITEMS_PATH],
        `expected a selector of a list in the answer, such as "$response.body.Items" (or "$item.lines" in a projection); received ${describeValue(itemsPath)}.`,
      );
    if (listPath === null) return 'null';
    this.projects = true;
    const [list, count, last, index] = [this.variable('List'), this.variable('Count'), this.variable('Last'), this.variable('Index')];
    const itemPath = `${listPath}[\${${index.slice(1)}}]`;
    const item = this.value(raw[ITEM_SELECTOR] as Json, [...at, ITEM_SELECTOR], { itemPath, depth: scope.depth + 1 });
    // An absent list, or a value that is not one (a string has no size()), projects to [].
    return (
      `#set(${count} = 0)#set(${list} = "")#set(${list} = $input.path("${listPath}"))#if("$!${list.slice(1)}" != "")#set(${count} = ${list}.size())#end` +
      `#if(${count} > ${MAX_FOREACH_ITERATIONS})#set($spTooLarge = true)#end` +
      `[#if(${count} > 0 && !$spTooLarge)#set(${last} = ${count} - 1)#foreach(${index} in [0..${last}])${item}#if($foreach.hasNext),#end#end#end]`
    );
  }

  /** VTL reading a choice's Variable into a fresh variable; undefined when it is not a selector (reported). */
  read(raw: Json, at: PropertyPath): { statements: string; variable: string } | undefined {
    if (typeof raw !== 'string' || !raw.startsWith('$')) {
      this.problem(at, `expected a selector of the answer ("$response.body.Count") or of the request; received ${describeValue(raw)}.`);
      return undefined;
    }
    const variable = this.variable('Choice');
    const answer = this.answerPath(raw, at, { depth: 0 });
    if (answer === null) return undefined;
    if (answer !== undefined) return { statements: `#set(${variable} = "")#set(${variable} = $input.path("${answer}"))`, variable };
    const selector = this.requestSelector(raw, at);
    if (selector === undefined) return undefined;
    return { statements: `#set(${variable} = "")#set(${variable} = ${selectorToVtl(selector)})`, variable };
  }
}

const REQUEST_BODY_GONE =
  'the request body is not available when the answer is mapped (API Gateway keeps only the request parameters and context); ' +
  'use "$request.header…", "$request.querystring…", "$request.path…" or "$context…", or have the service echo the value.';

/**
 * The response template of a Body; problems are reported with their path below it. A Body that
 * projects a list is rendered whole before it is written, so an answer too large for a template
 * becomes a 502 with a message instead of a cut list.
 */
export function responseBodyTemplate(raw: Json, at: PropertyPath, problems: Problem[], namespace = 'Body'): string {
  const writer = new ResponseBodyWriter(problems, namespace);
  const body = writer.value(raw, at, { depth: 0 });
  return writer.projects ? unlessTooLargeVtl(body, 'a list') : body;
}

/** The choices of status of a Response, checked; problems are reported with their path below `Choices`. */
export function responseChoices(raw: Json, at: PropertyPath, problems: Problem[]): ResponseChoices | undefined {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_CHOICES) {
    problems.push({ path: at, message: `expected a list of 1 to ${MAX_CHOICES} choices; received ${describeValue(raw)}.` });
    return undefined;
  }
  const writer = new ResponseBodyWriter(problems, 'Choices');
  const decide: string[] = ['#set($spChoice = 0)'];
  const choices: { statusCode: string; template?: string }[] = [];
  raw.forEach((entry, i) => {
    const here = [...at, i];
    if (!isJsonObject(entry) || isIntrinsic(entry as Json)) {
      problems.push({
        path: here,
        message: `expected {Variable, one of ${COMPARATORS.join(', ')}, StatusCode, Body}; received ${describeValue(entry)}.`,
      });
      return;
    }
    const condition = choiceCondition(writer, entry, here, problems);
    const status = entry.StatusCode;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
      problems.push({ path: [...here, 'StatusCode'], message: `expected a status from 200 to 599; received ${describeValue(status)}.` });
    const choice: { statusCode: string; template?: string } = { statusCode: String(status) };
    if (entry.Body !== undefined) choice.template = responseBodyTemplate(entry.Body, [...here, 'Body'], problems, `Choice${i + 1}`);
    choices.push(choice);
    if (condition !== undefined)
      decide.push(condition.statements, `#if($spChoice == 0 && ${condition.test})#set($spChoice = ${i + 1})#end`);
  });
  return { decide: decide.join(''), choices };
}

/** A choice's condition: its Variable read, and the VTL test of its one comparator. */
function choiceCondition(
  writer: ResponseBodyWriter,
  entry: JsonObject,
  at: PropertyPath,
  problems: Problem[],
): { statements: string; test: string } | undefined {
  const unknown = Object.keys(entry).filter((k) => !['Variable', 'StatusCode', 'Body', ...COMPARATORS].includes(k));
  if (unknown.length > 0) {
    problems.push({
      path: [...at, unknown[0] as string],
      message: `unknown key ${quoted(unknown[0] as string)}; a choice has Variable, one of ${COMPARATORS.join(', ')}, StatusCode and Body.`,
    });
    return undefined;
  }
  const given = COMPARATORS.filter((c) => Object.hasOwn(entry, c));
  if (given.length !== 1) {
    problems.push({
      path: at,
      message: `give exactly one of ${COMPARATORS.join(', ')}; received ${given.length === 0 ? 'none' : given.join(', ')}.`,
    });
    return undefined;
  }
  const comparator = given[0] as (typeof COMPARATORS)[number];
  const expected = entry[comparator];
  const wanted = { StringEquals: 'string', NumericEquals: 'number', BooleanEquals: 'boolean', IsPresent: 'boolean' }[comparator];
  if (typeof expected !== wanted || (typeof expected === 'number' && !Number.isFinite(expected))) {
    problems.push({ path: [...at, comparator], message: `expected a ${wanted}; received ${describeValue(expected)}.` });
    return undefined;
  }
  const read = writer.read(entry.Variable as Json, [...at, 'Variable']);
  if (read === undefined) return undefined;
  const text = `"$!${read.variable.slice(1)}"`;
  switch (comparator) {
    case 'StringEquals':
      return { statements: read.statements, test: `${text} == ${vtlStringLiteral(expected as string)}` };
    case 'NumericEquals':
      // Compared as numbers (0 and 0.0 alike); a value that is not one never equals.
      return { statements: read.statements, test: `(${text} != "" && ${read.variable} == ${expected as number})` };
    case 'BooleanEquals':
      return { statements: read.statements, test: `${text} == "${expected as boolean}"` };
    case 'IsPresent':
      return { statements: read.statements, test: `${text} ${expected ? '!=' : '=='} ""` };
  }
}

/**
 * The success template with its choices: the first choice whose condition holds writes its own
 * Body (or the success body) and sets its status, unless the body already set one (a 502 for an
 * answer too large, a 404 of the action's own) — a status is set once per response on API Gateway.
 */
export function withChoices(choices: ResponseChoices, successTemplate: string): string {
  const branches = choices.choices
    .map(
      (choice, i) =>
        `#${i === 0 ? 'if' : 'elseif'}($spChoice == ${i + 1})${choice.template ?? successTemplate}` +
        `#if("$!{context.responseOverride.status}" == "")#set($context.responseOverride.status = ${choice.statusCode})#end`,
    )
    .join('');
  return `${choices.decide}${branches}#else${successTemplate}#end`;
}
