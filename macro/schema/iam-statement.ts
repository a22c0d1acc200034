import type { Expr } from '../types';

/** One statement of the generated role: actions on one resource. */
export interface IamStatementPlan {
  actions: readonly string[];
  resource: Expr;
}
