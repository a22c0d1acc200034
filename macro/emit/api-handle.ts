import { getAtt, ref } from '../cloudformation/intrinsics';
import type { IntegrationPlan } from '../plan/plan';
import type { Expr } from '../types';

/** Where an API lives: how to reference it and its root resource. */
export interface ApiHandle {
  prefix: string;
  restApiId: Expr;
  rootResourceId: Expr;
}

/** The handle of an API from the plans' ApiRef. */
export function apiHandle(prefix: string, api: IntegrationPlan['api']): ApiHandle {
  switch (api.kind) {
    case 'generated':
    case 'template':
    case 'proxy-api':
      return { prefix, restApiId: ref(prefix), rootResourceId: getAtt(prefix, 'RootResourceId') };
    case 'external':
      return { prefix, restApiId: api.restApiId, rootResourceId: api.rootResourceId };
  }
}
