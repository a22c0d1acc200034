import { type PassthroughBehavior, selectIntegrationResponse, selectRequestTemplate, selectResponseTemplate } from '../../vtl';
import { SRC } from './helpers';

const JSON_ONLY = { 'application/json': 'json-template' };

describe('selectRequestTemplate', () => {
  it.each<{
    name: string;
    templates: Record<string, string> | undefined;
    contentType: string | undefined;
    behavior: PassthroughBehavior;
    expected: string;
  }>([
    {
      name: 'match → template (WHEN_NO_MATCH)',
      templates: JSON_ONLY,
      contentType: 'application/json',
      behavior: 'WHEN_NO_MATCH',
      expected: 'template',
    },
    {
      name: 'match → template (WHEN_NO_TEMPLATES)',
      templates: JSON_ONLY,
      contentType: 'application/json',
      behavior: 'WHEN_NO_TEMPLATES',
      expected: 'template',
    },
    { name: 'match → template (NEVER)', templates: JSON_ONLY, contentType: 'application/json', behavior: 'NEVER', expected: 'template' },
    {
      name: 'no match, templates defined → passthrough (WHEN_NO_MATCH)',
      templates: JSON_ONLY,
      contentType: 'text/plain',
      behavior: 'WHEN_NO_MATCH',
      expected: 'passthrough',
    },
    {
      name: 'no match, templates defined → 415 (WHEN_NO_TEMPLATES)',
      templates: JSON_ONLY,
      contentType: 'text/plain',
      behavior: 'WHEN_NO_TEMPLATES',
      expected: 'reject',
    },
    {
      name: 'no match, templates defined → 415 (NEVER)',
      templates: JSON_ONLY,
      contentType: 'text/plain',
      behavior: 'NEVER',
      expected: 'reject',
    },
    {
      name: 'no templates → passthrough (WHEN_NO_MATCH)',
      templates: undefined,
      contentType: 'text/plain',
      behavior: 'WHEN_NO_MATCH',
      expected: 'passthrough',
    },
    {
      name: 'no templates → passthrough (WHEN_NO_TEMPLATES)',
      templates: {},
      contentType: 'text/plain',
      behavior: 'WHEN_NO_TEMPLATES',
      expected: 'passthrough',
    },
    { name: 'no templates → 415 (NEVER)', templates: {}, contentType: 'application/json', behavior: 'NEVER', expected: 'reject' },
    {
      name: 'parameters are ignored',
      templates: JSON_ONLY,
      contentType: 'application/json; charset=UTF-8',
      behavior: 'NEVER',
      expected: 'template',
    },
    {
      name: 'media type is case-insensitive',
      templates: JSON_ONLY,
      contentType: 'Application/JSON',
      behavior: 'NEVER',
      expected: 'template',
    },
    {
      name: 'no Content-Type means application/json',
      templates: JSON_ONLY,
      contentType: undefined,
      behavior: 'NEVER',
      expected: 'template',
    },
  ])(`$name  [${SRC.passthrough}]`, ({ templates, contentType, behavior, expected }) => {
    expect(selectRequestTemplate(templates, contentType, behavior).kind).toBe(expected);
  });

  it('returns the 415 status and body', () => {
    expect(selectRequestTemplate(JSON_ONLY, 'text/plain', 'NEVER')).toEqual({
      kind: 'reject',
      statusCode: 415,
      body: '{"message":"Unsupported Media Type"}',
    });
  });

  it('defaults to WHEN_NO_MATCH  [AWS-observed PutIntegration echo, research §1.5]', () => {
    expect(selectRequestTemplate(JSON_ONLY, 'text/plain').kind).toBe('passthrough');
  });

  it('picks the template keyed by the media type', () => {
    const templates = { 'application/json': 'j', 'application/x-www-form-urlencoded': 'f' };
    expect(selectRequestTemplate(templates, 'application/x-www-form-urlencoded; charset=utf-8', 'NEVER')).toEqual({
      kind: 'template',
      contentType: 'application/x-www-form-urlencoded',
      template: 'f',
    });
  });
});

describe('selectResponseTemplate', () => {
  const templates = { 'application/json': 'j', 'application/xml': 'x' };
  it.each([
    { name: 'Accept selects the template', accept: 'application/xml', expected: 'x' },
    { name: 'only the first Accept media type counts', accept: 'text/html, application/xml', expected: 'j' },
    { name: 'no Accept means application/json', accept: undefined, expected: 'j' },
    { name: 'no match falls back to the first template', accept: 'text/html', expected: 'j' },
  ])(`$name  [${SRC.dataMappings}]`, ({ accept, expected }) => {
    expect(selectResponseTemplate(templates, accept)).toMatchObject({ kind: 'template', template: expected });
  });

  it('passes through without templates', () => {
    expect(selectResponseTemplate(undefined, 'application/json')).toEqual({ kind: 'passthrough' });
  });
});

describe('selectIntegrationResponse', () => {
  const responses = [
    { statusCode: '200' },
    { statusCode: '400', selectionPattern: '4\\d{2}' },
    { statusCode: '500', selectionPattern: '5\\d{2}' },
    { statusCode: '206', selectionPattern: '206' },
  ];
  it.each([
    { name: '2xx without a pattern → default', status: 200, expected: '200' },
    { name: '404 → 4\\d{2}', status: 404, expected: '400' },
    { name: '503 → 5\\d{2}', status: '503', expected: '500' },
    { name: 'exact pattern', status: 206, expected: '206' },
    { name: 'the pattern must match the whole code (40 is not 4\\d{2})', status: 40, expected: '200' },
  ])(`$name  [${SRC.integrationResponse}]`, ({ status, expected }) => {
    expect(selectIntegrationResponse(responses, status)?.statusCode).toBe(expected);
  });

  it('matches whole Lambda error messages with .* idioms', () => {
    const lambda = [{ statusCode: '200' }, { statusCode: '400', selectionPattern: '.*Malformed.*' }];
    expect(selectIntegrationResponse(lambda, 'Error: Malformed input')?.statusCode).toBe('400');
  });

  it('is undefined when nothing matches and there is no default (API Gateway answers 500)', () => {
    expect(selectIntegrationResponse([{ statusCode: '400', selectionPattern: '4\\d{2}' }], 200)).toBeUndefined();
  });
});
