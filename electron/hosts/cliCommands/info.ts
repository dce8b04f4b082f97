// `cashback-lab info`: the engine, DuckDB and project settings. Layer: electron/hosts.
import type { EngineInfo } from '../../../common/contract'
import type { CliCommand } from './types'

export const infoCommand: CliCommand = {
  summary: 'Show the engine, DuckDB version, project folder and database settings.',
  usage: 'info',
  options: {},
  run: (engine) => engine.getEngineInfo({}),
  human: (info: EngineInfo) =>
    [
      `Cashback Lab ${info.appVersion} (${info.host}, ${info.platform}, Node ${info.nodeVersion})`,
      `DuckDB        ${info.duckdbVersion}`,
      `Project       ${info.project.name}  ${info.project.dir}`,
      `Database      ${info.project.databasePath}`,
      `Memory limit  ${info.settings.memoryLimit}`,
      `Threads       ${info.settings.threads}`,
      `Temp folder   ${info.settings.tempDirectory}`,
      `Extensions    autoinstall ${onOff(info.settings.autoinstallKnownExtensions)}, autoload ${onOff(info.settings.autoloadKnownExtensions)}`,
    ].join('\n'),
}

function onOff(flag: boolean): string {
  return flag ? 'on' : 'off'
}
