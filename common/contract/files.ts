// Files crossing from the user's disk to the engine and back, without the renderer ever holding
// a path: hosts register chosen files and hand the renderer an id. Layer: common.
import { z } from 'zod'

export const chosenFileSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  sizeBytes: z.number(),
  isFolder: z.boolean(),
})

export type ChosenFile = z.infer<typeof chosenFileSchema>

// The channel names live in methods.ts (no runtime dependencies) so the preload can bundle them.
export { HOST_CHANNELS, type HostChannel } from './methods'

export const chooseFilesRequestSchema = z.object({ allowFolders: z.boolean().default(false) }).strict()
export const saveFileRequestSchema = z.object({ fileId: z.string().min(1).max(100), suggestedName: z.string().min(1).max(255) }).strict()
/** Paths come from the preload (webUtils.getPathForFile), never from page script. */
export const droppedPathsSchema = z.array(z.string().min(1).max(4096)).min(1).max(100)

/** The host operations a utility-process engine answers for main (not part of EngineApi). */
export type HostOperation =
  | { op: 'registerPaths'; paths: string[] }
  | { op: 'exportedFilePath'; fileId: string }
  | { op: 'registerProjectFolder'; path: string }
