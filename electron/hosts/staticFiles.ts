// Serves the built renderer from a folder, for web mode. Layer: electron/hosts.
import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY, contentTypeOf, safeRelativePath } from '../../common/web/staticPaths'

export function serveStatic(root: string, urlPath: string, req: IncomingMessage, res: ServerResponse): void {
  const relative = safeRelativePath(urlPath)
  if (relative === null) return plain(res, 400, 'Bad path.')
  const file = join(root, relative)
  const stats = statSync(file, { throwIfNoEntry: false })
  if (stats === undefined || !stats.isFile()) return plain(res, 404, 'Not found.')
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': stats.size,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': relative === 'index.html' ? 'no-store' : 'max-age=3600',
  })
  if (req.method === 'HEAD') return void res.end()
  createReadStream(file).pipe(res)
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
  res.end(text)
}
