// Public face of the contract: import from 'common/contract' (via relative path) everywhere.
export * from './result'
export * from './events'
export * from './schemas'
export * from './engineApi'
export * from './methods'
export * from './workerMessages'
export * from './files'
