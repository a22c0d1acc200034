/** Evaluates a template's Conditions locally, so conditional methods exist only when CloudFormation would create them. */
import { isJsonObject } from '../macro/types';
import { type IntrinsicEnvironment, resolveIntrinsics, UnresolvableIntrinsicError } from './intrinsics';

/** The evaluated conditions, and those that could not be evaluated (taken as true, so their methods stay visible). */
export interface EvaluatedConditions {
  readonly values: Record<string, boolean>;
  readonly warnings: string[];
}

/** Evaluates `Conditions` (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition) against parameter values. */
export function evaluateConditions(conditions: unknown, env: IntrinsicEnvironment): EvaluatedConditions {
  const definitions = isJsonObject(conditions) ? conditions : {};
  const values: Record<string, boolean> = {};
  const warnings: string[] = [];
  const visiting = new Set<string>();

  function condition(name: string): boolean {
    if (Object.hasOwn(values, name)) return values[name] as boolean;
    if (!Object.hasOwn(definitions, name) || visiting.has(name)) throw new UnresolvableIntrinsicError(`Condition ${name}`);
    visiting.add(name);
    const value = evaluate(definitions[name]);
    visiting.delete(name);
    values[name] = value;
    return value;
  }

  function evaluate(expression: unknown): boolean {
    if (typeof expression === 'boolean') return expression;
    if (!isJsonObject(expression)) throw new UnresolvableIntrinsicError(`condition ${JSON.stringify(expression)}`);
    const [fn] = Object.keys(expression);
    const arg = expression[fn ?? ''];
    const list = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Condition':
        return condition(String(arg));
      case 'Fn::Not':
        return !evaluate(list[0]);
      case 'Fn::And':
        return list.every(evaluate);
      case 'Fn::Or':
        return list.some(evaluate);
      case 'Fn::Equals': {
        // CloudFormation compares the string forms: `!Equals [!Ref Count, 3]` holds for the parameter value '3'.
        const [a, b] = list.map((side) => {
          const value = resolveIntrinsics(side, env);
          return typeof value === 'object' ? JSON.stringify(value) : String(value);
        });
        return a === b;
      }
      default:
        throw new UnresolvableIntrinsicError(`condition function ${fn ?? '(none)'}`);
    }
  }

  for (const name of Object.keys(definitions)) {
    try {
      condition(name);
    } catch (error) {
      values[name] = true;
      warnings.push(`Condition ${name}: cannot evaluate ${(error as Error).message} locally; treated as true`);
    }
  }
  return { values, warnings };
}
