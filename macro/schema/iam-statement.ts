import type { Expr } from '../types';

/** One statement of the generated role: actions on one resource. */
export interface IamStatementPlan {
  actions: readonly string[];
  resource: Expr;
  /** Why the grant is as wide as it is, said in the role's Metadata. */
  note?: string;
}
