// Web mode's file routes: upload a chosen file into the project (POST /api/upload?name=…, raw
// bytes) and download an export (GET /api/download/<fileId>). The browser never sends a path.
// Layer: electron/hosts.
import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { ChosenFile, Result } from '../../common/contract'
import type { Engine } from '../engine/engine'
import { toErrorInfo } from '../engine/engineError'

export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 2 ** 30

export async function handleUpload(engine: Engine, req: IncomingMessage, url: URL, maxBytes: number): Promise<{ status: number; result: Result<ChosenFile> }> {
  const rawName = url.searchParams.get('name') ?? ''
  const name = basename(rawName.replaceAll('\\', '/')).replace(/[\u0000-\u001f]/g, '').trim()
  if (name === '' || name === '.' || name === '..' || name.length > 255) {
    req.resume()
    return { status: 400, result: { ok: false, error: { code: 'INVALID_REQUEST', message: 'Give the uploaded file a name: POST /api/upload?name=<file name>.' } } }
  }
  const declared = Number(req.headers['content-length'] ?? '0')
  if (declared > maxBytes) {
    req.resume()
    return { status: 413, result: { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `${name} is larger than the upload limit of ${Math.round(maxBytes / 2 ** 30)} GB; import it with the desktop app or the CLI.` } } }
  }
  const folder = join(engine.internals.projectDir, 'uploads', randomUUID())
  mkdirSync(folder, { recursive: true })
  const path = join(folder, name)
  let received = 0
  try {
    await pipeline(
      req,
      async function* limit(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          received += chunk.length
          if (received > maxBytes) throw new Error('too large')
          yield chunk
        }
      },
      createWriteStream(path),
    )
  } catch (error) {
    rmSync(folder, { recursive: true, force: true })
    if (received > maxBytes) return { status: 413, result: { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `${name} is larger than the upload limit.` } } }
    return { status: 400, result: { ok: false, error: { code: 'IO_ERROR', message: `The upload of ${name} did not complete (${(error as Error).message}); try again.` } } }
  }
  try {
    const file = engine.registerFile(path)
    return { status: 200, result: { ok: true, value: { fileId: file.fileId, name: file.name, sizeBytes: file.sizeBytes, isFolder: false } } }
  } catch (error) {
    return { status: 400, result: { ok: false, error: toErrorInfo(error) } }
  }
}

/** Stream an export as an attachment; false when the id is unknown. */
export function handleDownload(engine: Engine, fileId: string, res: ServerResponse): boolean {
  let file: { path: string; name: string }
  try {
    file = engine.exportedFile(fileId)
  } catch {
    return false
  }
  res.writeHead(200, {
    'Content-Type': file.name.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
    'Content-Length': statSync(file.path).size,
    'Content-Disposition': `attachment; filename="${file.name.replace(/["\\]/g, '_')}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
  createReadStream(file.path).pipe(res)
  return true
}
