import { jsonErrorResponses, jsonStringVtl, THROTTLING_STATUS } from '../request-templates/vtl-text';
import type { ActionDefinition, ServiceDefinition } from './types';

// A repeated execution name is a conflict (names are unique per state machine for 90 days).
const errors = jsonErrorResponses({ ExecutionAlreadyExists: 409, ExecutionLimitExceeded: 429, ...THROTTLING_STATUS });

// startDate is a number (epoch seconds) from Step Functions' own JSON.
const startedResponse = [
  "#set($spStarted = $input.path('$.startDate'))",
  '#if("$!spStarted" == "")#set($spStarted = "null")#end',
  `{"executionArn":"${jsonStringVtl("$input.path('$.executionArn')")}","startDate":$spStarted}`,
].join('');

// StartSyncExecution answers 200 whatever the outcome: the execution's status decides the client's.
const syncResponse = [
  "#set($spStatus = $input.path('$.status'))",
  // `output` is the state machine's output as JSON text, produced by Step Functions itself.
  '#if("$!spStatus" == "SUCCEEDED")$input.path(\'$.output\')',
  '#else#if("$!spStatus" == "TIMED_OUT")#set($context.responseOverride.status = 504)#else#set($context.responseOverride.status = 502)#end',
  '#set($spError = $input.path(\'$.error\'))#if("$!spError" == "")#set($spError = $spStatus)#end',
  '#set($spCause = $input.path(\'$.cause\'))#if("$!spCause" == "")#set($spCause = "The execution did not succeed.")#end',
  `{"message":"${jsonStringVtl('$spCause')}","code":"${jsonStringVtl('$spError')}","status":"${jsonStringVtl('$spStatus')}",`,
  `"executionArn":"${jsonStringVtl("$input.path('$.executionArn')")}"}#end`,
].join('');

const parameters: ActionDefinition['parameters'] = {
  Input: {
    description: 'the execution input, a JSON document (default: the body)',
    kind: 'document',
    wireName: 'input',
    default: '$request.body',
  },
  Name: {
    description: 'the execution name, unique per state machine for 90 days (default: the request id)',
    kind: 'string',
    wireName: 'name',
    default: '$context.requestId',
  },
  TraceHeader: { description: 'an X-Ray trace header', kind: 'string', wireName: 'traceHeader' },
};

/** The common parts of both actions: JSON protocol, input and name, the state machine from Target. */
function start(action: 'StartExecution' | 'StartSyncExecution', responseTemplate: string, overrideStatusCodes: string[]): ActionDefinition {
  return {
    uri: `states:action/${action}`,
    integrationHttpMethod: 'POST',
    protocol: 'json',
    requestParameters: { 'integration.request.header.Content-Type': "'application/x-amz-json-1.0'" },
    fixedFields: [],
    targetFields: [],
    parameters,
    body: {
      object: {
        stateMachineArn: { target: 'arn' },
        name: { parameter: 'Name' },
        input: { parameter: 'Input' },
        traceHeader: { parameter: 'TraceHeader' },
      },
    },
    iam: [{ actions: [`states:${action}`], resource: '{TargetArn}' }],
    responses: [{ statusCode: '200', responseTemplate, ...(overrideStatusCodes.length > 0 ? { overrideStatusCodes } : {}) }, ...errors],
  };
}

/** AWS Step Functions: start an execution (asynchronous), or run an express workflow and answer with its output. */
export const states: ServiceDefinition = {
  service: 'states',
  target: {
    description: 'the state machine (!Ref StateMachine, or its ARN)',
    resourceType: 'AWS::StepFunctions::StateMachine',
    nameAttribute: 'Name',
    arnService: 'states',
    iamResourceType: 'statemachine',
    resourcePrefix: 'stateMachine:',
    otherResourceTypes: [{ type: 'AWS::Serverless::StateMachine', nameAttribute: 'Name' }],
    namePattern: '[A-Za-z0-9_-]{1,80}',
  },
  actions: {
    StartExecution: start('StartExecution', startedResponse, []),
    StartSyncExecution: start('StartSyncExecution', syncResponse, ['502', '504']),
  },
};
