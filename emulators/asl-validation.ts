/**
 * A fast structural check of Amazon States Language definitions. aws-local-stepfunctions' own
 * validator costs over a second per definition, too slow for start-up, so CreateStateMachine uses this.
 */
import { isJsonObject } from './input-validation';

/** The state types ASL defines. */
const STATE_TYPES = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);

/**
 * Returns the first problem in `definition` in Step Functions' wording
 * (`MISSING_TRANSITION_TARGET: ... at /States/A/Next`), or undefined when it is well formed.
 */
function findAslProblem(definition: unknown, path = ''): string | undefined {
  if (!isJsonObject(definition)) return `SCHEMA_VALIDATION_FAILED: The definition must be a JSON object at ${path || '/'}`;
  const { StartAt, States } = definition;
  if (typeof StartAt !== 'string') return `SCHEMA_VALIDATION_FAILED: The field 'StartAt' is required at ${path}/StartAt`;
  if (!isJsonObject(States) || Object.keys(States).length === 0) {
    return `SCHEMA_VALIDATION_FAILED: The field 'States' must be a non-empty object at ${path}/States`;
  }
  if (!Object.hasOwn(States, StartAt)) return `MISSING_TRANSITION_TARGET: Missing 'Next' target: ${StartAt} at ${path}/StartAt`;
  const target = (name: unknown, at: string) =>
    typeof name === 'string' && Object.hasOwn(States, name)
      ? undefined
      : `MISSING_TRANSITION_TARGET: Missing 'Next' target: ${String(name)} at ${at}`;
  for (const [name, state] of Object.entries(States)) {
    const at = `${path}/States/${name}`;
    if (!isJsonObject(state)) return `SCHEMA_VALIDATION_FAILED: State must be an object at ${at}`;
    if (typeof state.Type !== 'string' || !STATE_TYPES.has(state.Type)) {
      return `SCHEMA_VALIDATION_FAILED: Value is not a valid state type: ${String(state.Type)} at ${at}/Type`;
    }
    const terminal = state.Type === 'Choice' || state.Type === 'Succeed' || state.Type === 'Fail';
    if (!terminal) {
      if (state.Next !== undefined) {
        const problem = target(state.Next, `${at}/Next`);
        if (problem) return problem;
      } else if (state.End !== true) {
        return `SCHEMA_VALIDATION_FAILED: The field 'Next' or 'End' is required at ${at}`;
      }
    }
    if (state.Type === 'Task' && typeof state.Resource !== 'string') {
      return `SCHEMA_VALIDATION_FAILED: The field 'Resource' is required at ${at}`;
    }
    if (state.Type === 'Choice') {
      if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
        return `SCHEMA_VALIDATION_FAILED: The field 'Choices' must be a non-empty array at ${at}/Choices`;
      }
      for (const [i, choice] of state.Choices.entries()) {
        const problem = isJsonObject(choice)
          ? target(choice.Next, `${at}/Choices[${i}]/Next`)
          : `SCHEMA_VALIDATION_FAILED: Choice must be an object at ${at}/Choices[${i}]`;
        if (problem) return problem;
      }
      if (state.Default !== undefined) {
        const problem = target(state.Default, `${at}/Default`);
        if (problem) return problem;
      }
    }
    if (Array.isArray(state.Catch)) {
      for (const [i, catcher] of state.Catch.entries()) {
        const problem = isJsonObject(catcher)
          ? target(catcher.Next, `${at}/Catch[${i}]/Next`)
          : `SCHEMA_VALIDATION_FAILED: Catcher must be an object at ${at}/Catch[${i}]`;
        if (problem) return problem;
      }
    }
    if (state.Type === 'Parallel') {
      if (!Array.isArray(state.Branches) || state.Branches.length === 0) {
        return `SCHEMA_VALIDATION_FAILED: The field 'Branches' must be a non-empty array at ${at}/Branches`;
      }
      for (const [i, branch] of state.Branches.entries()) {
        const problem = findAslProblem(branch, `${at}/Branches[${i}]`);
        if (problem) return problem;
      }
    }
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      const problem = findAslProblem(processor, `${at}/${state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator'}`);
      if (problem) return problem;
    }
  }
  return undefined;
}

export { findAslProblem };
