/**
 * S3 keys cannot leave their bucket, and objects cannot run as pages of the API's origin (issue 15,
 * items 1 and 2): rendered through the local gateway from samples/s3-objects.yaml, with a stand-in S3.
 */
import { readFileSync } from 'node:fs';
import { splitTransform } from '../../cli/load-template';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import type { ServiceRequest } from '../../gateway';
import type { BackendResponse } from '../../gateway/http-types';
import { transformTemplate } from '../../macro/transform';
import type { JsonObject } from '../../macro/types';
import { samplePath } from '../helpers/samples';
import { exchange } from './gateway-in-process';

const sample = splitTransform(parseCfnYaml(readFileSync(samplePath('s3-objects'), 'utf8')).value as JsonObject).fragment;

/** The bucket a refused request is steered to: no bucket can have this name. */
const REFUSED_BUCKET = 'service-proxy-refused..request';

/** A stand-in S3: 404 NoSuchBucket for the refused bucket, else the object `stored` or 404. */
function s3(stored: Buffer | undefined = undefined): (request: ServiceRequest) => BackendResponse {
  return (request): BackendResponse => {
    const bucket = new URL(request.url).pathname.split('/')[1];
    const xml = (code: string) => Buffer.from(`<?xml version="1.0"?><Error><Code>${code}</Code></Error>`);
    if (bucket === REFUSED_BUCKET) return { status: 404, headers: { 'content-type': 'application/xml' }, body: xml('NoSuchBucket') };
    if (request.method === 'PUT') return { status: 200, headers: { etag: '"e"' }, body: Buffer.alloc(0) };
    if (stored === undefined) return { status: 404, headers: { 'content-type': 'application/xml' }, body: xml('NoSuchKey') };
    return { status: 200, headers: { 'content-type': 'text/html', 'content-length': String(stored.length) }, body: stored };
  };
}

describe('keys cannot leave their bucket (item 1)', () => {
  it.each([
    ['GET', '/files/..%2Fprivate-files%2Fsecret.txt'],
    ['GET', '/files/%2E%2E/private-files/secret.txt'],
    ['GET', '/files/a/%2e%2e%2F..%2Fx'],
    ['GET', '/files/.'],
    ['GET', '/files/a/./b'],
    ['HEAD', '/files/..'],
    ['DELETE', '/files/x/..%5Cy'],
    ['PUT', '/files/..%2Fprivate-files%2Fplanted.html'],
    // A key that is itself percent-encoded dots: decoded once more by anyone, it would climb too.
    ['GET', '/files/%25%32%45%25%32%45/x'],
  ])('%s %s: 400 with the reason; S3 is asked for no bucket of the API', async (method, path) => {
    const reply = await exchange(
      sample,
      { method, path, body: method === 'PUT' ? 'x' : '', headers: method === 'PUT' ? { 'Content-Type': 'text/plain' } : {} },
      s3(),
    );
    expect(reply.response.statusCode).toBe(400);
    if (method !== 'HEAD')
      expect(reply.json()).toEqual({
        message: 'the object key is empty or has a . or .. segment, which would leave the bucket; use a key without such segments.',
        code: 'RequestRefused',
      });
    // The key is replaced too: its '..' would climb out of the refused bucket as well.
    expect(new URL(reply.sent?.url as string).pathname).toBe(`/${REFUSED_BUCKET}/refused`);
  });

  it.each(['/files/a..b/c.d', '/files/.hidden/..x', '/files/dir/file.tar.gz', '/files/%2E%2Ex', '/files/a%2520b'])(
    'a key with dots that are not a segment of their own is served: %s',
    async (path) => {
      const reply = await exchange(sample, { method: 'GET', path }, s3(Buffer.from('hello')));
      expect(reply.response.statusCode).toBe(200);
      expect(new URL(reply.sent?.url as string).pathname.split('/')[1]).not.toBe(REFUSED_BUCKET);
    },
  );
});

describe('objects cannot run as pages of the API (item 2)', () => {
  it('every object answer says nosniff, and ObjectResponse serves it as an attachment', async () => {
    const get = await exchange(sample, { method: 'GET', path: '/files/page.html' }, s3(Buffer.from('<script>alert(1)</script>')));
    expect(get.response.statusCode).toBe(200);
    expect(get.response.headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': 'attachment' });
    const head = await exchange(sample, { method: 'HEAD', path: '/files/page.html' }, s3(Buffer.from('x')));
    expect(head.response.headers['X-Content-Type-Options']).toBe('nosniff');
    const missing = await exchange(sample, { method: 'GET', path: '/files/none' }, s3());
    expect([missing.response.statusCode, missing.response.headers['X-Content-Type-Options']]).toEqual([404, 'nosniff']);
    for (const [method, path] of [
      ['PUT', '/files/a'],
      ['DELETE', '/files/a'],
      ['GET', '/files'],
    ] as const) {
      const reply = await exchange(
        sample,
        { method, path, body: method === 'PUT' ? 'x' : '', headers: method === 'PUT' ? { 'Content-Type': 'text/plain' } : {} },
        s3(),
      );
      expect(reply.response.headers['X-Content-Type-Options']).toBe('nosniff');
    }
  });

  it('ObjectResponse ContentType fixes the type whatever the object was stored with', async () => {
    const fragment = structuredClone(sample);
    ((fragment.Resources as JsonObject).GetFile as { Properties: JsonObject }).Properties.ObjectResponse = {
      ContentType: 'application/octet-stream',
    };
    const get = await exchange(fragment, { method: 'GET', path: '/files/page.html' }, s3(Buffer.from('<html>')));
    expect(get.response.headers['Content-Type']).toBe('application/octet-stream');
  });
});

describe('uploads arrive byte for byte', () => {
  it.each([
    ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe])],
    ['application/octet-stream', Buffer.from(Array.from({ length: 256 }, (_, i) => i))],
    ['text/plain', Buffer.from('héllo "world" \\ $x #y\n', 'utf8')],
    ['application/json', Buffer.from('{"a":"ü"}', 'utf8')],
  ])('%s', async (type, body) => {
    let sent: Buffer | undefined;
    const reply = await exchange(
      sample,
      { method: 'PUT', path: '/files/dir/f', body: body as unknown as string, headers: { 'Content-Type': type } },
      (request) => {
        sent = request.body;
        return s3()(request);
      },
    );
    expect(reply.response.statusCode).toBe(200);
    expect(sent?.equals(body)).toBe(true);
  });

  it('a content type with no template is refused (415), never passed on unchecked', async () => {
    const reply = await exchange(
      sample,
      { method: 'PUT', path: '/files/x', body: '<svg/>', headers: { 'Content-Type': 'image/svg+xml' } },
      s3(),
    );
    expect(reply.response.statusCode).toBe(415);
  });
});

describe('what the key check needs is checked at expansion', () => {
  const expand = (properties: JsonObject) =>
    JSON.stringify(
      transformTemplate(
        {
          Resources: {
            B: { Type: 'AWS::S3::Bucket' },
            Q: { Type: 'AWS::SQS::Queue' },
            C: {
              Type: 'Proxy::ServiceIntegration',
              Properties: { Path: '/f/{key+}', Method: 'GET', Service: 's3', Action: 'GetObject', Target: { Ref: 'B' }, ...properties },
            },
          },
        },
        { params: {}, templateParameterValues: {} },
      ),
    );

  it('a literal Key with a dot segment, PassthroughBehavior WHEN_NO_MATCH, and ObjectResponse off S3 objects are errors', () => {
    expect(expand({ Parameters: { Key: 'a/../b' } })).toContain("is empty or has a '.' or '..' segment");
    expect(expand({ PassthroughBehavior: 'WHEN_NO_MATCH' })).toContain(
      'WHEN_NO_MATCH would let a request whose content type has no template reach s3',
    );
    expect(
      expand({
        Service: 'sqs',
        Action: 'SendMessage',
        Target: { 'Fn::GetAtt': ['Q', 'Arn'] },
        Method: 'POST',
        ObjectResponse: { ContentDisposition: 'attachment' },
      }),
    ).toContain('applies to actions that serve an object (s3 GetObject, HeadObject)');
    expect(expand({ ObjectResponse: { ContentType: 'bad type' } })).toContain('PSI100');
  });
});
