/**
 * `serve` end to end for S3 (samples/s3-objects.yaml) on both backends: objects in and out byte for
 * byte, keys that would leave their bucket refused, every answer nosniff and files served as
 * attachments. On the embedded backend every S3 route answered 403 (the emulator refused the local
 * credentials serve signs with) (issue 15, items 1, 2 and 10).
 */
import { request } from 'node:http';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { LocalGateway } from '../../gateway/gateway';
import { BACKENDS, call, credentials, serveSample } from './serve-helpers';

/** A request with its path sent exactly as written (fetch would resolve '%2E%2E' segments first, as browsers do). */
function rawRequest(url: string, method: string, path: string, body = ''): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const headers = method === 'PUT' ? { 'Content-Type': 'text/plain' } : {};
    const req = request({ hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(BACKENDS)('%s backend: serve s3-objects', (backend) => {
  let gateway: LocalGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gateway = await serveSample('s3-objects', {}, backend);
    s3 = new S3Client({ endpoint: gateway.endpoints.s3, region: 'us-east-1', credentials, forcePathStyle: true });
  });
  afterAll(async () => {
    s3?.destroy();
    await gateway?.stop();
  });

  /** The one bucket the template declares, as the backend named it. */
  async function bucket(): Promise<string> {
    const state = (await gateway.state()) as { buckets?: Record<string, unknown> };
    return Object.keys(state.buckets ?? {})[0] as string;
  }

  it('puts, gets, heads, lists and deletes objects; binary bodies arrive byte for byte', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x7f, 0x80]);
    const put = await fetch(`${gateway.url}/files/images/logo.png`, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: png });
    expect(put.status).toBe(200);
    const stored = await s3.send(new GetObjectCommand({ Bucket: await bucket(), Key: 'images/logo.png' }));
    expect(Buffer.from(await (stored.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()).equals(png)).toBe(
      true,
    );
    expect(stored.ContentType).toBe('image/png');

    const text = 'héllo "world" & $x #y\n';
    expect((await call(gateway, 'PUT', '/files/notes/a%20b.txt', { body: text, headers: { 'Content-Type': 'text/plain' } })).status).toBe(
      200,
    );
    const got = await fetch(`${gateway.url}/files/notes/a%20b.txt`, { headers: { Accept: 'application/octet-stream' } });
    expect([got.status, Buffer.from(await got.arrayBuffer()).toString('utf8')]).toEqual([200, text]);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toBe('attachment');

    const head = await call(gateway, 'HEAD', '/files/images/logo.png', { headers: {} });
    expect(head.status).toBe(200);
    const list = await call(gateway, 'GET', '/files?prefix=images/');
    expect([list.status, list.text]).toEqual([200, expect.stringContaining('<Key>images/logo.png</Key>')]);
    expect(list.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await call(gateway, 'DELETE', '/files/images/logo.png')).status).toBe(204);
    expect((await call(gateway, 'GET', '/files/images/logo.png')).status).toBe(404);
  });

  it('keys that would leave the bucket or list it are refused with 400, and nothing is read or written', async () => {
    const name = await bucket();
    await s3.send(new PutObjectCommand({ Bucket: name, Key: 'secret.txt', Body: 'top secret' }));
    for (const path of [
      '/files/..%2Fsecret.txt',
      '/files/a/%2E%2E/%2E%2E/secret.txt',
      '/files/.',
      '/files/x/..',
      '/files/..%5Csecret.txt',
    ]) {
      const reply = await rawRequest(gateway.url, 'GET', path);
      expect([path, reply.status]).toEqual([path, 400]);
      expect(JSON.parse(reply.text)).toMatchObject({ code: 'RequestRefused' });
      expect(reply.text).not.toContain('top secret');
    }
    const planted = await rawRequest(gateway.url, 'PUT', '/files/..%2Fplanted.html', '<script>');
    expect(planted.status).toBe(400);
    const keys = await s3.send(new ListObjectsV2Command({ Bucket: name }));
    expect((keys.Contents ?? []).map((o) => o.Key)).not.toContain('planted.html');
  });
});
