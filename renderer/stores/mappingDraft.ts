// The editable shape of one role's mapping in the UI, built from an engine suggestion or from the
// saved mapping, plus the choices the mapping panel offers. Layer: renderer/stores (pure).
import { ROLE_FIELDS, type MappingSuggestion, type RoleMapping, type RoleName } from '../../common/domain/mapping'

export interface ValueCount {
  value: string | null
  count: number
}

export interface CountrySettings {
  currency: string
  timeZone: string
}

export interface RoleDraft {
  mapping: RoleMapping
  /** Why the engine suggested each column (empty for a mapping loaded from the project). */
  reasons: Record<string, string>
  distinctValues: Record<string, ValueCount[]>
  /** The column each distinctValues list was read from (so a changed column is not mislabelled). */
  valueColumns: Record<string, string>
}

export const DEFAULT_COUNTRIES: Record<string, CountrySettings> = {
  IN: { currency: 'INR', timeZone: 'Asia/Kolkata' },
  BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' },
}

export const COUNTRY_NAMES: Record<string, string> = { IN: 'India', BR: 'Brazil' }

/** Zones an analyst of these markets needs: IST, Brazil's mainland zones, and UTC. */
export const TIME_ZONES = [
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'America/Bahia',
  'America/Fortaleza',
  'America/Recife',
  'America/Belem',
  'America/Manaus',
  'America/Cuiaba',
  'America/Porto_Velho',
  'America/Rio_Branco',
  'America/Noronha',
  'UTC',
] as const

export const ROLE_LABELS: Record<RoleName, string> = { payments: 'Payments', users: 'Users', fx_rates: 'FX rates' }

export interface FieldInfo {
  field: string
  required: boolean
  categorical: boolean
  description: string
}

export function roleFields(role: RoleName): FieldInfo[] {
  return Object.entries(ROLE_FIELDS[role]).map(([field, info]) => ({ field, ...info }))
}

export function draftFromSuggestion(suggestion: MappingSuggestion): RoleDraft {
  const mapping = structuredClone(suggestion.mapping)
  const valueColumns: Record<string, string> = {}
  for (const field of Object.keys(suggestion.distinctValues)) {
    const column = mapping.columns[field]
    if (column !== undefined) valueColumns[field] = column
  }
  return { mapping, reasons: { ...suggestion.reasons }, distinctValues: structuredClone(suggestion.distinctValues), valueColumns }
}

export function draftFromSaved(mapping: RoleMapping): RoleDraft {
  return { mapping: structuredClone(mapping), reasons: {}, distinctValues: {}, valueColumns: {} }
}

/** Required fields that have neither a column nor a constant. */
export function missingRequired(role: RoleName, mapping: RoleMapping): string[] {
  return roleFields(role)
    .filter((f) => f.required && mapping.columns[f.field] === undefined && mapping.constants[f.field] === undefined)
    .map((f) => f.field)
}

export function isCategorical(role: RoleName, field: string): boolean {
  return roleFields(role).some((f) => f.field === field && f.categorical)
}
