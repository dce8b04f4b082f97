// fileClient: web uploads over XMLHttpRequest (progress, Results, failures) and downloads by link;
// the desktop host's dialogs, drops and Save as; and which one the app picks.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChosenFile, ProjectRef } from '../../../common/contract'
import type { EngineHost } from '../../../renderer/env'
import { createDesktopFileClient, createFileClient, createWebFileClient, type XhrLike } from '../../../renderer/api/fileClient'

const CHOSEN: ChosenFile = { fileId: '11111111-1111-4111-8111-111111111111', name: 'pix.csv', sizeBytes: 4, isFolder: false }
const PROJECT: ProjectRef = { projectRef: 'ref-1', name: 'Pilot', dir: '/data/pilot', lastOpenedAt: null, exists: true, isDefault: false }

class FakeXhr {
  static last: FakeXhr | null = null
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  status = 0
  responseText = ''
  opened: [string, string] | null = null
  headers: Record<string, string> = {}
  body: Blob | null = null
  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string): void {
    this.opened = [method, url]
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value
  }
  send(body: Blob): void {
    this.body = body
  }
  respond(status: number, text: string): void {
    this.status = status
    this.responseText = text
    this.onload?.()
  }
}

const createXhr = (): XhrLike => new FakeXhr() as unknown as XhrLike
const file = (name = 'São Paulo; pix.csv'): File => new File(['a;b\n'], name, { type: 'text/csv' })

afterEach(() => {
  FakeXhr.last = null
  delete window.engineHost
})

describe('web file client', () => {
  it('uploads the raw bytes to ./api/upload with the encoded name and reports progress', async () => {
    const progress = vi.fn()
    const client = createWebFileClient({ createXhr })
    const pending = client.addFile(file(), progress)
    const xhr = FakeXhr.last!
    expect(xhr.opened).toEqual(['POST', `./api/upload?name=${encodeURIComponent('São Paulo; pix.csv')}`])
    expect(xhr.headers['Content-Type']).toBe('application/octet-stream')
    expect(xhr.body).toBeInstanceOf(File)
    xhr.upload.onprogress?.({ loaded: 2, total: 4, lengthComputable: true } as ProgressEvent)
    expect(progress).toHaveBeenCalledWith({ loaded: 2, total: 4 })
    xhr.respond(200, JSON.stringify({ ok: true, value: CHOSEN }))
    expect(await pending).toEqual({ ok: true, value: CHOSEN })
  })

  it('passes the bridge’s failure Result through and turns transport failures into Results', async () => {
    const client = createWebFileClient({ createXhr })
    const refused = client.addFile(file('big.csv'))
    FakeXhr.last!.respond(413, JSON.stringify({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'big.csv is larger than the upload limit.' } }))
    expect(await refused).toEqual({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'big.csv is larger than the upload limit.' } })

    const garbled = client.addFile(file('a.csv'))
    FakeXhr.last!.respond(502, '<h1>Bad gateway</h1>')
    expect(await garbled).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: 'The upload of a.csv failed (HTTP 502).' } })

    const dropped = client.addFile(file('b.csv'))
    FakeXhr.last!.onerror?.()
    expect(await dropped).toMatchObject({ ok: false, error: { code: 'IO_ERROR' } })

    const aborted = client.addFile(file('c.csv'))
    FakeXhr.last!.onabort?.()
    expect(await aborted).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })

    const odd = client.addFile(file('d.csv'))
    FakeXhr.last!.respond(200, JSON.stringify({ hello: 'world' }))
    expect(await odd).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('downloads an export from ./api/download/<fileId> under its name', async () => {
    const download = vi.fn()
    const client = createWebFileClient({ download })
    expect(client.chooseFiles).toBeNull()
    expect(client.chooseProjectFolder).toBeNull()
    expect(await client.saveExport({ fileId: 'abc/1', name: 'rejected-rows.csv' })).toEqual({ ok: true, value: { saved: true } })
    expect(download).toHaveBeenCalledWith('./api/download/abc%2F1', 'rejected-rows.csv')
  })
})

describe('desktop file client', () => {
  function host(): EngineHost & { [K in keyof EngineHost]: ReturnType<typeof vi.fn> } {
    return {
      chooseFiles: vi.fn(async () => ({ ok: true as const, value: [CHOSEN] })),
      registerDroppedFiles: vi.fn(async () => ({ ok: true as const, value: [CHOSEN] })),
      saveFile: vi.fn(async () => ({ ok: true as const, value: { saved: true, name: 'rejects.csv' } })),
      chooseProjectFolder: vi.fn(async () => ({ ok: true as const, value: PROJECT as ProjectRef | null })),
    }
  }

  it('opens the folder dialog for a project: the chosen one, null when cancelled, a Result when the bridge fails', async () => {
    const h = host()
    const client = createDesktopFileClient(h)
    expect(await client.chooseProjectFolder!()).toEqual({ ok: true, value: PROJECT })
    h.chooseProjectFolder.mockResolvedValueOnce({ ok: true, value: null })
    expect(await client.chooseProjectFolder!()).toEqual({ ok: true, value: null })
    h.chooseProjectFolder.mockRejectedValueOnce(new Error('no window'))
    expect(await client.chooseProjectFolder!()).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('folder dialog') } })
    expect(h.chooseProjectFolder).toHaveBeenCalledTimes(3)
  })

  it('opens the native dialog, registers dropped files and saves exports through engineHost', async () => {
    const h = host()
    const client = createDesktopFileClient(h)
    expect(client.kind).toBe('desktop')
    expect(await client.chooseFiles!({ allowFolders: false })).toEqual({ ok: true, value: [CHOSEN] })
    expect(h.chooseFiles).toHaveBeenCalledWith({ allowFolders: false })
    const progress = vi.fn()
    const dropped = file('pix.csv')
    expect(await client.addFile(dropped, progress)).toEqual({ ok: true, value: CHOSEN })
    expect(h.registerDroppedFiles).toHaveBeenCalledWith([dropped])
    expect(progress).toHaveBeenCalledWith({ loaded: dropped.size, total: dropped.size })
    expect(await client.saveExport({ fileId: 'x', name: 'rejects.csv' })).toEqual({ ok: true, value: { saved: true } })
    expect(h.saveFile).toHaveBeenCalledWith({ fileId: 'x', suggestedName: 'rejects.csv' })
  })

  it('turns an empty registration and a failing bridge into Results', async () => {
    const h = host()
    h.registerDroppedFiles.mockResolvedValueOnce({ ok: true, value: [] })
    h.saveFile.mockRejectedValueOnce(new Error('window closed'))
    const client = createDesktopFileClient(h)
    expect(await client.addFile(file('x.csv'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await client.saveExport({ fileId: 'x', name: 'r.csv' })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('window closed') } })
  })

  it('is chosen when the preload exposed engineHost, the web client otherwise', () => {
    expect(createFileClient().kind).toBe('web')
    window.engineHost = host()
    expect(createFileClient().kind).toBe('desktop')
  })
})
