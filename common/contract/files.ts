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

/**
 * Host operations (not part of EngineApi). Main → engine: registerPaths, exportedFilePath,
 * registerProjectFolder (the utility-process engine answers). Engine → main: printPdf (main
 * answers; see MainOperation), because only main has webContents.printToPDF.
 */
export type HostOperation =
  | { op: 'registerPaths'; paths: string[] }
  | { op: 'exportedFilePath'; fileId: string }
  | { op: 'registerProjectFolder'; path: string }

/**
 * engine → main: print a report's HTML file to a PDF file. Both paths must be in the current
 * project's exports folder (main checks); main writes pdfPath atomically and answers `null`.
 */
export const printPdfOperationSchema = z
  .object({
    op: z.literal('printPdf'),
    htmlPath: z.string().min(1).max(4096),
    pdfPath: z.string().min(1).max(4096),
    headerTitle: z.string().max(500),
  })
  .strict()

export type PrintPdfOperation = z.infer<typeof printPdfOperationSchema>

/** The host operations the engine asks main to perform (the reverse direction of HostOperation). */
export type MainOperation = PrintPdfOperation
