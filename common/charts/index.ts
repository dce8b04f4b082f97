// Pure ECharts option builders shared by the renderer and (later) exported reports. Layer: common.
export * from './chartOption'
export * from './palette'
export * from './histogram'
export * from './dailyVolume'
