/** An npm registry on loopback for the tests of npm: targets, and `npm pack` of a folder to serve from it. */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { execa } from 'execa';

export interface LoopbackRegistry {
  /** Registry URL, with a trailing slash (npm's --registry / npm_config_registry). */
  url: string;
  /** "METHOD /path" of every request, in order. */
  requests: string[];
  close: () => Promise<void>;
}

/** A registry on loopback serving one package (its packument and tarball), or 404 for everything else. */
export async function startLoopbackRegistry(pkg: { name: string; version: string; tgz: Buffer } | null): Promise<LoopbackRegistry> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (pkg && req.url === `/${pkg.name}`) {
      const integrity = `sha512-${createHash('sha512').update(new Uint8Array(pkg.tgz)).digest('base64')}`;
      const shasum = createHash('sha1').update(new Uint8Array(pkg.tgz)).digest('hex');
      const tarball = `${base}/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz`;
      const manifest = { name: pkg.name, version: pkg.version, bin: { 'image-skill': 'bin/image-skill.mjs' }, dist: { tarball, integrity, shasum } };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: pkg.name, 'dist-tags': { latest: pkg.version }, versions: { [pkg.version]: manifest } }));
      return;
    }
    if (pkg && req.url?.endsWith('.tgz')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(pkg.tgz);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"Not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** `npm pack` of a package folder into `dest`; the tarball's path. */
export async function packFolder(dir: string, dest: string): Promise<string> {
  const { stdout } = await execa('npm', ['pack', dir, '--pack-destination', dest, '--json', '--ignore-scripts'], { env: { npm_config_update_notifier: 'false' } });
  const [info] = JSON.parse(stdout) as Array<{ filename: string }>;
  return path.join(dest, info.filename);
}
