export function buildNodeHosts(): Promise<void>
