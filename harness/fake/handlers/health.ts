/** Health, the CLI's contract documents, and npm-style package metadata for `trust`. */
import { HttpResponse, type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import type { ContractDocuments } from '../../target/types.js';

export const FAKE_SERVICE_VERSION = '0.1.25-fake';

const DOCUMENTS: Array<keyof ContractDocuments> = ['skill.md', 'llms.txt', 'cli.md'];

export function healthHandlers(core: Core): HttpHandler[] {
  const documentHandlers = DOCUMENTS.map((name) =>
    http.get(`*/${name}`, () => {
      const text = core.documents.current[name];
      if (text === undefined) return core.ctx.fail('trust', 404, 'NOT_FOUND', `The CLI under test ships no ${name}.`);
      return new HttpResponse(text, { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
    }),
  );
  return [
    http.get('*/healthz', () => core.ctx.ok('doctor', { status: 'ok', service: 'image-skill-api', version: FAKE_SERVICE_VERSION })),
    ...documentHandlers,
    http.get('*/image-skill/:version', ({ params }) => {
      const meta = core.packageMetadata;
      const version = String(params.version);
      if (!meta || (version !== 'latest' && version !== meta.version)) {
        return core.ctx.fail('trust', 404, 'NOT_FOUND', `No package metadata for image-skill@${version}.`);
      }
      return HttpResponse.json({
        name: meta.name,
        version: meta.version,
        dist: { integrity: meta.integrity, tarball: core.ctx.url(`/image-skill/-/image-skill-${meta.version}.tgz`) },
      });
    }),
  ];
}
