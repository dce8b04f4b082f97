// The method list and channel names, with no runtime dependencies (the preload bundles only this).
// Layer: common.
import type { EngineMethod } from './engineApi'

/** Every method, in a fixed order; IPC handlers, preload, bridge and CLI loop over this. */
export const ENGINE_METHODS = [
  'getEngineInfo',
  'cancelTask',
  'inspectSource',
  'stageImport',
  'listRejects',
  'commitImport',
  'discardImport',
  'listDatasets',
  'exportRejects',
  'suggestMapping',
  'saveMapping',
  'getMapping',
  'getProject',
  'listProjects',
  'createProject',
  'openProject',
  'validateData',
  'profileDataset',
  'paymentsOverview',
  'previewRows',
  'evaluateCampaign',
  'estimateCampaignTotals',
  'evaluateCampaigns',
  'listCampaigns',
  'saveCampaign',
  'deleteCampaign',
  'analyzeExperiment',
  'analyzeRollout',
  'exportReport',
  'exportTable',
] as const satisfies readonly EngineMethod[]

// Compile-time proof that ENGINE_METHODS lists every method of the contract.
type MissingMethods = Exclude<EngineMethod, (typeof ENGINE_METHODS)[number]>
const allMethodsListed: [MissingMethods] extends [never] ? true : never = true
void allMethodsListed

export function isEngineMethod(name: string): name is EngineMethod {
  return (ENGINE_METHODS as readonly string[]).includes(name)
}

/** IPC channel of a method: `engine:<method>`. */
export function channelOf(method: EngineMethod): `engine:${EngineMethod}` {
  return `engine:${method}`
}

/** The single channel on which engine push events reach the renderer. */
export const ENGINE_EVENT_CHANNEL = 'engine:event'

/**
 * IPC channels of the desktop host's file operations (dialogs, drops, "Save as"). Handled in
 * main, never by the engine; the preload exposes them as window.engineHost.
 */
export const HOST_CHANNELS = {
  chooseFiles: 'host:chooseFiles',
  registerDroppedFiles: 'host:registerDroppedFiles',
  saveFile: 'host:saveFile',
  chooseProjectFolder: 'host:chooseProjectFolder',
} as const

export type HostChannel = (typeof HOST_CHANNELS)[keyof typeof HOST_CHANNELS]
