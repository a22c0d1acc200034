/** One finding of a CloudFormation validator, located by logical ID and property path. */
export interface ValidationFinding {
  ruleId: string;
  severity: string;
  logicalId?: string;
  propertyPath?: string;
  message: string;
}

/** A finding as the CLI prints it: `file: [severity] rule logicalId path: message`. */
export function formatFinding(file: string, f: ValidationFinding): string {
  return `${file}: [${f.severity}] ${f.ruleId} ${f.logicalId ?? '(template)'}${f.propertyPath ? ` ${f.propertyPath}` : ''}: ${f.message}`;
}
