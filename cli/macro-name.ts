/** The macro's name in a template's Transform section. */
export const MACRO_NAME = 'ServiceProxy';
