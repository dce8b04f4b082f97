// Test double of the renderer's FileClient: uploads resolve with a registered file after
// reporting progress; exports are "saved"; web mode, so no dialogs (tests that need the desktop's
// set chooseFiles / chooseProjectFolder). Each method is a vi.fn to inspect and override.
import { vi } from 'vitest'
import type { ChosenFile, Result } from '../../../common/contract'
import type { FileClient, TransferProgress } from '../../../renderer/api/fileClient'

export type FakeFileClient = FileClient & {
  addFile: ReturnType<typeof vi.fn<FileClient['addFile']>>
  saveExport: ReturnType<typeof vi.fn<FileClient['saveExport']>>
}

export function createFakeFileClient(files: Record<string, ChosenFile> = {}): FakeFileClient {
  return {
    kind: 'web',
    chooseFiles: null,
    chooseProjectFolder: null,
    addFile: vi.fn(async (file: File, onProgress?: (progress: TransferProgress) => void): Promise<Result<ChosenFile>> => {
      onProgress?.({ loaded: file.size / 2, total: file.size })
      const chosen = files[file.name] ?? { fileId: `id-${file.name}`, name: file.name, sizeBytes: file.size, isFolder: false }
      return { ok: true, value: chosen }
    }),
    saveExport: vi.fn(async () => ({ ok: true as const, value: { saved: true } })),
  }
}
