// What the campaign designer needs to know about the loaded data: the local days the payments
// cover (default window), each country's time zone, and the values of the users' arm and segment
// columns (from the users dataset's profile: there is no distinct-values method, so the profile's
// top values are the pick list and free text covers the rest). Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { SAMPLE_CAMPAIGN_DAYS, type LocalWindow } from '../../common/campaigns/localWindow'
import { ROLE_FIELDS } from '../../common/domain/mapping'
import { useMappingStore } from './mapping'
import { useProfileStore } from './profile'

export interface SegmentColumn {
  /** The users column a segment names (canonical role or an extra column of the users dataset). */
  column: string
  values: string[]
}

const DATE = /^\d{4}-\d{2}-\d{2}/

export const useCampaignDataStore = defineStore('campaignData', () => {
  /** Load what is not loaded yet: the saved mapping, the payments overview, the users profile. */
  async function ensure(): Promise<void> {
    const mapping = useMappingStore()
    const profile = useProfileStore()
    if (mapping.status === 'idle') await mapping.load()
    // Without mapped payments there is nothing to summarise or cost (and the engine would refuse).
    if (!hasPayments.value) return
    const users = usersDataset.value
    await Promise.all([profile.overview.status === 'idle' ? profile.loadOverview() : Promise.resolve(), users === null ? Promise.resolve() : profile.ensureProfile(users)])
  }

  const usersDataset = computed(() => useMappingStore().saved?.roles.users?.dataset ?? null)
  const hasPayments = computed(() => useMappingStore().saved?.roles.payments !== undefined)
  const mappingKnown = computed(() => useMappingStore().status === 'ready')

  /** IANA zones by country, from the mapping (the defaults until it is loaded). */
  const zones = computed<Record<string, string>>(() => Object.fromEntries(Object.entries(useMappingStore().countries).map(([c, s]) => [c, s.timeZone])))

  /** The local days the payments cover, else the sample's campaign month. */
  const dataDays = computed<LocalWindow | null>(() => {
    const overview = useProfileStore().overview.data
    const first = overview?.firstLocal?.match(DATE)?.[0]
    const last = overview?.lastLocal?.match(DATE)?.[0]
    return first === undefined || last === undefined ? null : { firstDay: first, lastDay: last }
  })
  const defaultDays = computed<LocalWindow>(() => dataDays.value ?? SAMPLE_CAMPAIGN_DAYS)

  const usersProfile = computed(() => {
    const dataset = usersDataset.value
    return dataset === null ? null : useProfileStore().profileOf(dataset).data
  })

  const valuesOf = (column: string | undefined): string[] =>
    column === undefined ? [] : (usersProfile.value?.columns.find((c) => c.name === column)?.topValues.flatMap((t) => (t.value === null ? [] : [t.value])) ?? [])

  /** Arm values seen in the users dataset (empty when arms are not mapped or not profiled yet). */
  const arms = computed(() => valuesOf(useMappingStore().saved?.roles.users?.columns.arm))

  /** Segment columns: mapped region/country by their canonical names, then unmapped extra columns. */
  const segmentColumns = computed<SegmentColumn[]>(() => {
    const users = useMappingStore().saved?.roles.users
    if (users === undefined) return []
    const mapped = new Set(Object.values(users.columns))
    const canonical = (['country', 'region'] as const).flatMap((role) => {
      const column = users.columns[role]
      return column === undefined ? [] : [{ column: role, values: valuesOf(column) }]
    })
    const known = new Set(Object.keys(ROLE_FIELDS.users))
    const extras = (usersProfile.value?.columns ?? [])
      .filter((c) => !mapped.has(c.name) && !known.has(c.name))
      .map((c) => ({ column: c.name, values: c.topValues.flatMap((t) => (t.value === null ? [] : [t.value])) }))
    return [...canonical, ...extras]
  })

  return { ensure, usersDataset, hasPayments, mappingKnown, zones, dataDays, defaultDays, arms, segmentColumns }
})
