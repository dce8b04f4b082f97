// Web mode: the renderer's files plus the EngineApi over HTTP (POST /api/<method>, events as
// server-sent events on GET /api/events), bound to 127.0.0.1 only. Layer: electron/hosts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HTTP_STATUS, type EngineErrorInfo, type Result } from '../../common/contract'
import type { Engine } from '../engine/engine'
import { DEFAULT_MAX_UPLOAD_BYTES, handleDownload, handleUpload } from './bridgeFiles'
import { dispatch } from './dispatch'
import { serveStatic } from './staticFiles'

export interface BridgeOptions {
  engine: Engine
  /** The built renderer (out/renderer); without it only /api is served. */
  staticDir?: string
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number
  /** Largest file accepted by /api/upload, in bytes. */
  maxUploadBytes?: number
  /** Called with a one-line description of unexpected failures (never sent to the client). */
  log?: (line: string) => void
}

export interface Bridge {
  readonly server: Server
  listen(port?: number): Promise<string>
  close(): Promise<void>
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
const HOST = '127.0.0.1'

export function createBridge(options: BridgeOptions): Bridge {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const eventStreams = new Set<ServerResponse>()
  const unsubscribe = options.engine.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`
    for (const stream of eventStreams) stream.write(frame)
  })
  let port = 0

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`bridge: unexpected failure on ${req.method} ${req.url}: ${String(error)}`)
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The server failed to answer this request.' } })
      else res.end()
    })
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOwnHost(req.headers.host, port)) {
      // DNS rebinding guard: only requests addressed to our own loopback address are answered.
      return send(res, 403, failure('FORBIDDEN', 'Requests must be addressed to 127.0.0.1 or localhost.'))
    }
    const url = new URL(req.url ?? '/', `http://${HOST}`)
    if (url.pathname === '/api/events') return openEventStream(req, res)
    if (url.pathname === '/api/upload') return upload(req, res, url)
    if (url.pathname.startsWith('/api/download/')) {
      if (req.method !== 'GET') return send(res, 405, failure('INVALID_REQUEST', 'Use GET to download.'))
      if (!handleDownload(options.engine, decodeURIComponent(url.pathname.slice('/api/download/'.length)), res)) {
        return send(res, 404, failure('NOT_FOUND', 'No such export; export it again.'))
      }
      return
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)))
    if (options.staticDir !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveStatic(options.staticDir, url.pathname, req, res)
    }
    return send(res, 404, failure('NOT_FOUND', `Nothing is served at ${url.pathname}.`))
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      return send(res, 405, failure('INVALID_REQUEST', `Use POST for /api/${method}.`))
    }
    if (!isSameOriginOrAbsent(req.headers.origin, port)) {
      return send(res, 403, failure('FORBIDDEN', 'Cross-origin requests are refused.'))
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
    if (contentType !== 'application/json') {
      return send(res, 415, failure('INVALID_REQUEST', 'Send the request body as JSON with Content-Type: application/json.'))
    }
    const body = await readBody(req, maxBodyBytes)
    if (body === 'too-large') {
      res.setHeader('Connection', 'close')
      return send(res, 413, failure('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes.`))
    }
    let payload: unknown
    try {
      payload = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      return send(res, 400, failure('INVALID_REQUEST', 'The request body is not valid JSON.'))
    }
    const result = await dispatch(options.engine, method, payload)
    send(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result)
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      return send(res, 405, failure('INVALID_REQUEST', 'Use POST to upload a file.'))
    }
    if (!isSameOriginOrAbsent(req.headers.origin, port)) return send(res, 403, failure('FORBIDDEN', 'Cross-origin requests are refused.'))
    // A non-simple content type forces a CORS preflight on foreign pages, which we never grant.
    if ((req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/octet-stream') {
      return send(res, 415, failure('INVALID_REQUEST', 'Upload the file bytes with Content-Type: application/octet-stream.'))
    }
    const { status, result } = await handleUpload(options.engine, req, url, options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES)
    if (status === 413) res.setHeader('Connection', 'close')
    send(res, status, result)
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    eventStreams.add(res)
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
    req.on('close', () => {
      clearInterval(heartbeat)
      eventStreams.delete(res)
    })
  }

  return {
    server,
    listen(requestedPort = 0) {
      return new Promise((resolvePromise, reject) => {
        server.once('error', reject)
        server.listen(requestedPort, HOST, () => {
          server.off('error', reject)
          port = (server.address() as AddressInfo).port
          resolvePromise(`http://${HOST}:${port}/`)
        })
      })
    },
    close() {
      unsubscribe()
      for (const stream of eventStreams) stream.end()
      eventStreams.clear()
      return new Promise((resolvePromise) => {
        server.close(() => resolvePromise())
        server.closeAllConnections()
      })
    },
  }
}

function failure(code: EngineErrorInfo['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

/**
 * A Result as JSON. A failure also names its code (a closed set) in `X-Engine-Error`, so a client
 * can tell a cancelled task (409 CANCELLED, meant) from a conflict (409 CONFLICT) without reading
 * the body.
 */
function send(res: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(result.ok ? {} : { 'X-Engine-Error': result.error.code }),
  })
  res.end(body)
}

function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false
  return host === `${HOST}:${port}` || host === `localhost:${port}`
}

function isSameOriginOrAbsent(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`
}

/** The body as text, or 'too-large' as soon as it passes the limit (the rest is not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<string | 'too-large'> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0')
    if (declared > limit) {
      req.resume()
      resolvePromise('too-large')
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    req.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > limit) {
        settled = true
        resolvePromise('too-large')
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!settled) resolvePromise(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', reject)
  })
}
