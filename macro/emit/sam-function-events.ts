import { isJsonObject, type Json, type JsonObject } from '../types';

/** A SAM function's `Events: Api` entry: where it sits in the template. */
export interface SamApiEvent {
  functionId: string;
  eventName: string;
}

/** Whether SAM will merge the function events into this AWS::Serverless::Api's definition. */
export function mergesFunctionEvents(apiProperties: JsonObject): boolean {
  // Without a DefinitionBody the macro creates one with MergeDefinitions; with the user's, SAM merges only when asked.
  return (
    !isJsonObject(apiProperties.DefinitionBody) || apiProperties.MergeDefinitions === true || apiProperties.MergeDefinitions === 'true'
  );
}

/**
 * The `Type: Api` events of the template's SAM functions on one AWS::Serverless::Api, by route
 * (`POST /orders`). SAM turns each into a Lambda proxy operation of the API's definition after this
 * macro ran; an integration on the same route would be silently replaced by it.
 */
export function samApiEventsOn(apiLogicalId: string, templateResources: JsonObject): Map<string, SamApiEvent> {
  const routes = new Map<string, SamApiEvent>();
  for (const [functionId, resource] of Object.entries(templateResources)) {
    if (!isJsonObject(resource) || resource.Type !== 'AWS::Serverless::Function' || !isJsonObject(resource.Properties)) continue;
    const events = resource.Properties.Events;
    if (!isJsonObject(events)) continue;
    for (const [eventName, event] of Object.entries(events)) {
      if (!isJsonObject(event) || event.Type !== 'Api' || !isJsonObject(event.Properties)) continue;
      const { RestApiId: restApiId, Path: path, Method: method } = event.Properties;
      if (!refersTo(restApiId, apiLogicalId) || typeof path !== 'string' || typeof method !== 'string') continue;
      routes.set(`${method.toUpperCase()} ${path}`, { functionId, eventName });
    }
  }
  return routes;
}

function refersTo(value: Json | undefined, logicalId: string): boolean {
  return isJsonObject(value) && value.Ref === logicalId;
}
