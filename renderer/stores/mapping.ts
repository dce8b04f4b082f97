// Mapping datasets onto the payments model: a draft per role (from the engine's suggestion or the
// saved mapping), per-country currency and time zone, Save → validation report.
// Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, toRaw } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import { ROLE_NAMES, type MappingSuggestion, type ProjectMapping, type RoleMapping, type RoleName, type ValidationReport } from '../../common/domain/mapping'
import { useEngineClient } from '../api/engineClient'
import type { LoadStatus } from './engine'
import { useProfileStore } from './profile'
import { DEFAULT_COUNTRIES, draftFromSaved, draftFromSuggestion, isCategorical, type CountrySettings, type RoleDraft, type ValueCount } from './mappingDraft'

type Drafts = Record<RoleName, RoleDraft | null>

export const useMappingStore = defineStore('mapping', () => {
  const role = ref<RoleName>('payments')
  const drafts = ref<Drafts>({ payments: null, users: null, fx_rates: null })
  const countries = ref<Record<string, CountrySettings>>(structuredClone(DEFAULT_COUNTRIES))
  const saved = shallowRef<ProjectMapping | null>(null)
  const status = ref<LoadStatus>('idle')
  const saving = ref(false)
  const suggesting = ref(false)
  const error = shallowRef<EngineErrorInfo | null>(null)
  const report = shallowRef<ValidationReport | null>(null)
  /** True when the draft differs from what the engine last saved. */
  const dirty = ref(false)

  const draft = computed(() => drafts.value[role.value])
  const mappedRoles = computed(() => ROLE_NAMES.filter((r) => drafts.value[r] !== null))

  async function load(): Promise<void> {
    status.value = 'loading'
    const result = await useEngineClient().getMapping({})
    if (!result.ok) {
      error.value = result.error
      status.value = 'error'
      return
    }
    saved.value = result.value
    status.value = 'ready'
    if (result.value === null) return
    countries.value = structuredClone(result.value.countries)
    for (const r of ROLE_NAMES) {
      const roleMapping = result.value.roles[r]
      drafts.value[r] = roleMapping === undefined ? null : draftFromSaved(roleMapping)
    }
    dirty.value = false
    await Promise.all(ROLE_NAMES.map((r) => enrich(r)))
  }

  /** A saved mapping has no value lists: take them (and reasons) from a fresh suggestion where the columns agree. */
  async function enrich(target: RoleName): Promise<void> {
    const current = drafts.value[target]
    if (current === null) return
    const result = await useEngineClient().suggestMapping({ dataset: current.mapping.dataset, role: target })
    if (!result.ok || drafts.value[target] !== current) return
    let needsProfile = false
    for (const [field, column] of Object.entries(current.mapping.columns)) {
      if (result.value.mapping.columns[field] !== column) {
        needsProfile ||= field in result.value.distinctValues || isCategorical(target, field)
        continue
      }
      const reason = result.value.reasons[field]
      if (reason !== undefined) current.reasons[field] = reason
      const values = result.value.distinctValues[field]
      if (values !== undefined) {
        current.distinctValues[field] = values
        current.valueColumns[field] = column
      }
    }
    if (needsProfile) void useProfileStore().ensureProfile(current.mapping.dataset)
  }

  /** Ask the engine which columns of `dataset` play the role's fields (replaces the role's draft). */
  async function suggest(target: RoleName, dataset: string): Promise<void> {
    suggesting.value = true
    error.value = null
    const result = await useEngineClient().suggestMapping({ dataset, role: target })
    suggesting.value = false
    if (!result.ok) {
      error.value = result.error
      return
    }
    drafts.value[target] = draftFromSuggestion(result.value as MappingSuggestion)
    dirty.value = true
  }

  function edit(target: RoleName, change: (mapping: RoleMapping) => void): void {
    const current = drafts.value[target]
    if (current === null) return
    change(current.mapping)
    dirty.value = true
  }

  function setColumn(target: RoleName, field: string, column: string | null): void {
    edit(target, (m) => {
      if (column === null) delete m.columns[field]
      else {
        m.columns[field] = column
        delete m.constants[field]
      }
    })
    const current = drafts.value[target]
    // Value tables of a column the suggestion did not look at come from the dataset's profile.
    if (column !== null && current !== null && current.valueColumns[field] !== column) void useProfileStore().ensureProfile(current.mapping.dataset)
  }

  function setConstant(target: RoleName, field: string, value: string | null): void {
    edit(target, (m) => {
      if (value === null) delete m.constants[field]
      else {
        m.constants[field] = value
        delete m.columns[field]
      }
    })
  }

  function setValue(target: RoleName, field: string, source: string, canonical: string | null): void {
    edit(target, (m) => {
      const table = { ...(m.values[field] ?? {}) }
      if (canonical === null || canonical === source) delete table[source]
      else table[source] = canonical
      m.values[field] = table
    })
  }

  function setTimestamps(target: RoleName, value: RoleMapping['timestamps']): void {
    edit(target, (m) => {
      m.timestamps = value
    })
  }

  function setCountry(code: string, patch: Partial<CountrySettings>): void {
    const current = countries.value[code]
    if (current === undefined) return
    countries.value[code] = { ...current, ...patch }
    dirty.value = true
  }

  function removeRole(target: RoleName): void {
    drafts.value[target] = null
    dirty.value = true
  }

  /** Distinct source values of a categorical field's current column (suggestion, else profile). */
  function valuesFor(target: RoleName, field: string): { values: ValueCount[]; complete: boolean } | null {
    const current = drafts.value[target]
    const column = current?.mapping.columns[field]
    if (current == null || column === undefined) return null
    if (current.valueColumns[field] === column) return { values: current.distinctValues[field] ?? [], complete: true }
    const profile = useProfileStore().profileOf(current.mapping.dataset).data
    const top = profile?.columns.find((c) => c.name === column)?.topValues
    return top === undefined ? null : { values: top, complete: false }
  }

  async function save(): Promise<void> {
    const roles: ProjectMapping['roles'] = {}
    // structuredClone cannot copy reactive proxies; the raw objects hold plain data.
    for (const r of mappedRoles.value) roles[r] = structuredClone(toRaw(drafts.value[r]!.mapping))
    const mapping: ProjectMapping = { roles, countries: structuredClone(toRaw(countries.value)) }
    saving.value = true
    error.value = null
    const result = await useEngineClient().saveMapping({ mapping })
    saving.value = false
    if (!result.ok) {
      error.value = result.error
      return
    }
    report.value = result.value
    saved.value = mapping
    dirty.value = false
    useProfileStore().invalidate()
  }

  async function validate(): Promise<void> {
    error.value = null
    const result = await useEngineClient().validateData({})
    if (result.ok) report.value = result.value
    else error.value = result.error
  }

  return {
    role,
    drafts,
    countries,
    saved,
    status,
    saving,
    suggesting,
    error,
    report,
    dirty,
    draft,
    mappedRoles,
    load,
    suggest,
    setColumn,
    setConstant,
    setValue,
    setTimestamps,
    setCountry,
    removeRole,
    valuesFor,
    save,
    validate,
  }
})
