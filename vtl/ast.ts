// velocityjs does not export its AST types through its package "exports", so the shapes the evaluator relies on
// are declared here (checked against velocityjs 2.1.7's parser output).

/** Source position of a node as velocityjs reports it (1-based lines, 0-based columns). */
export interface Pos {
  first_line: number;
  first_column: number;
  last_line?: number;
  last_column?: number;
}

/** `$a.b[0].c(x)` */
export interface ReferenceNode {
  type: 'references';
  id: string;
  leader: '$' | '$!';
  path?: PathNode[];
  args?: ExprNode[] | false;
  isWraped?: boolean;
  pos?: Pos;
}

/** One step of a reference path. */
export type PathNode =
  | { type: 'property'; id: string }
  | { type: 'index'; id: ExprNode }
  | { type: 'method'; id: string; args: ExprNode[] | false };

/** Operators velocityjs produces for `#if`/`#set` expressions (word forms like `gt` are normalised). */
export interface MathNode {
  type: 'math';
  operator: string;
  expression: ExprNode[];
}

/** Any expression node. */
export type ExprNode =
  | ReferenceNode
  | MathNode
  | { type: 'string'; value: string; isEval?: boolean }
  | { type: 'integer'; value: string }
  | { type: 'decimal'; value: number | string }
  | { type: 'bool'; value: 'true' | 'false' | 'null' }
  | { type: 'array'; value: (ExprNode | string)[]; isRange?: boolean }
  | { type: 'map'; value: Record<string, ExprNode> };

/** Statement nodes outside blocks. */
export type DirectiveNode =
  | { type: 'set'; equal: [ReferenceNode, ExprNode]; pos: Pos }
  | { type: 'break'; pos: Pos }
  | { type: 'macro_call'; id: string; args?: ExprNode[]; pos: Pos }
  | { type: 'comment'; value: string }
  | { type: 'raw'; value: string };

/** Block headers: the first element of a block array. */
export type BlockHeader =
  | { type: 'if' | 'elseif'; condition: ExprNode; pos: Pos }
  | { type: 'else'; pos: Pos }
  | { type: 'foreach'; to: string; from: ExprNode; pos: Pos }
  | { type: 'macro'; id: string; args?: ReferenceNode[]; pos: Pos }
  | { type: 'define'; id: string; pos: Pos }
  | { type: 'noescape'; pos: Pos }
  | { type: 'macro_body'; id: string; args?: ExprNode[]; pos: Pos };

/** A node in a parsed template: text, a statement, or a block (`[header, ...children]`). */
export type TemplateNode = string | ReferenceNode | DirectiveNode | BlockHeader | TemplateNode[];
