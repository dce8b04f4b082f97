// The web-mode bridge: every bad request gets a 4xx Result, the server never crashes or leaks a
// stack, only loopback Host/Origin are served, static files cannot escape their folder.
import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine } from '../../electron/engine/engine'
import { createBridge, type Bridge } from '../../electron/hosts/bridge'
import { tempDir } from '../helpers/tempDir'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

let engine: Engine
let bridge: Bridge
let base: string
const root = tempDir('bridge')
const staticDir = join(root, 'static')

function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  const url = new URL(path, base)
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

const postJson = (method: string, body: string, headers: Record<string, string> = {}): Promise<Reply> =>
  send(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body })

function expectError(reply: Reply, status: number, code: string): void {
  expect(reply.status).toBe(status)
  const parsed = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string } }
  expect(parsed.ok).toBe(false)
  expect(parsed.error.code).toBe(code)
  expect(reply.headers['x-engine-error']).toBe(code)
  expect(parsed.error.message.length).toBeGreaterThan(10)
  expect(reply.body).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/)
}

beforeAll(async () => {
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Cashback Lab</title>')
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'do not serve')
  engine = await createEngine({ projectDir: join(root, 'project'), host: 'web', threads: 1 })
  bridge = createBridge({ engine, staticDir, maxBodyBytes: 64 * 1024, log: () => {} })
  base = await bridge.listen(0)
})
afterAll(async () => {
  await bridge.close()
  await engine.close()
})

describe('bridge API', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const address = bridge.server.address()
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1')
  })

  it('answers a good request with the engine Result', async () => {
    const reply = await postJson('getEngineInfo', '{}')
    expect(reply.status).toBe(200)
    const parsed = JSON.parse(reply.body) as { ok: boolean; value: { host: string; duckdbVersion: string } }
    expect(parsed.ok).toBe(true)
    expect(parsed.value.host).toBe('web')
    expect(parsed.value.duckdbVersion).toMatch(/^v1\./)
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(reply.headers['x-engine-error']).toBeUndefined()
  })

  it('treats an empty body as an empty request object', async () => {
    expect((await postJson('getEngineInfo', '')).status).toBe(200)
  })

  it('refuses non-JSON bodies', async () => {
    expectError(await postJson('getEngineInfo', '{"unclosed": '), 400, 'INVALID_REQUEST')
    expectError(await postJson('getEngineInfo', 'hello'), 400, 'INVALID_REQUEST')
  })

  it('refuses a body that is not declared as JSON', async () => {
    const reply = await send('/api/getEngineInfo', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })
    expectError(reply, 415, 'INVALID_REQUEST')
  })

  it('refuses oversized bodies, declared or streamed', async () => {
    expectError(await postJson('getEngineInfo', JSON.stringify({ pad: 'x'.repeat(100_000) })), 413, 'PAYLOAD_TOO_LARGE')
    const chunked = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(new URL('/api/getEngineInfo', base), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      })
      req.on('error', reject)
      for (let i = 0; i < 10; i++) req.write('x'.repeat(10_000))
      req.end()
    })
    expectError(chunked, 413, 'PAYLOAD_TOO_LARGE')
  })

  it('refuses unknown methods, including prototype names', async () => {
    expectError(await postJson('dropEverything', '{}'), 404, 'UNKNOWN_METHOD')
    expectError(await postJson('constructor', '{}'), 404, 'UNKNOWN_METHOD')
    expectError(await postJson('__proto__', '{}'), 404, 'UNKNOWN_METHOD')
    expectError(await postJson('onEvent', '{}'), 404, 'UNKNOWN_METHOD')
    expectError(await postJson('close', '{}'), 404, 'UNKNOWN_METHOD')
  })

  it('refuses schema-failing requests with the reason', async () => {
    const reply = await postJson('cancelTask', '{"taskId": 42}')
    expectError(reply, 400, 'INVALID_REQUEST')
    expect(reply.body).toContain('taskId')
    expectError(await postJson('getEngineInfo', '[1,2]'), 400, 'INVALID_REQUEST')
    expectError(await postJson('getEngineInfo', 'null'), 400, 'INVALID_REQUEST')
    expectError(await postJson('getEngineInfo', '"text"'), 400, 'INVALID_REQUEST')
  })

  it('refuses GET on an API route', async () => {
    const reply = await send('/api/getEngineInfo')
    expectError(reply, 405, 'INVALID_REQUEST')
    expect(reply.headers.allow).toBe('POST')
  })

  it('refuses requests addressed to another host name (DNS rebinding) and cross-origin calls', async () => {
    expectError(await postJson('getEngineInfo', '{}', { Host: 'evil.example:80' }), 403, 'FORBIDDEN')
    expectError(await postJson('getEngineInfo', '{}', { Origin: 'http://evil.example' }), 403, 'FORBIDDEN')
  })

  it('keeps serving after a burst of bad requests', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => postJson(i % 2 ? 'nope' : 'getEngineInfo', i % 3 ? '{' : '{}')))
    expect((await postJson('getEngineInfo', '{}')).status).toBe(200)
  })
})

describe('bridge static files', () => {
  it('serves index.html at / with the Content-Security-Policy', async () => {
    const reply = await send('/')
    expect(reply.status).toBe(200)
    expect(reply.body).toContain('<title>Cashback Lab</title>')
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'")
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
  })

  it('serves assets with their content type', async () => {
    const reply = await send('/assets/app.js')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it('does not let a path escape the folder', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/%00']) {
      const reply = await send(path)
      expect([400, 404], path).toContain(reply.status)
      expect(reply.body).not.toContain('do not serve')
    }
  })

  it('answers 404 for missing files', async () => {
    expect((await send('/nope.js')).status).toBe(404)
  })
})

describe('bridge events', () => {
  it('streams engine events as server-sent events', async () => {
    let probe: Promise<void> = Promise.resolve()
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(new URL('/api/events', base), (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream')
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8')
          if (text.includes('data: ')) {
            req.destroy()
            resolve(text)
          }
        })
        // Once the stream is open, run a task so that progress events flow.
        probe = engine.internals.tasks.run('Event probe', async (context) => {
          await context.connection.run('SELECT 1')
        })
      })
      req.on('error', reject)
      req.end()
    })
    const text = await received
    await probe
    const line = text.split('\n').find((l) => l.startsWith('data: '))
    const event = JSON.parse(line!.slice('data: '.length)) as { type: string; label: string }
    expect(event).toMatchObject({ type: 'progress', label: 'Event probe' })
  })
})
