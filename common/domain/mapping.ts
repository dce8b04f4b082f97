// Mapping a user's datasets onto the payments model of DOMAIN.md §4: which column plays which
// role, value translations for categorical roles, per-country currency and time zone, and the
// validation report. Layer: common (zod; shared by engine, CLI mapping files and the UI).
import { z } from 'zod'

export const ROLE_NAMES = ['payments', 'users', 'fx_rates'] as const
export const roleNameSchema = z.enum(ROLE_NAMES)

/** Fields of each role; `required` ones must be mapped (or given a constant). */
export const ROLE_FIELDS = {
  payments: {
    payment_id: { required: false, categorical: false, description: 'payment id (row numbers if absent)' },
    user_id: { required: true, categorical: false, description: 'payer' },
    ts: { required: true, categorical: false, description: 'when the payment was made' },
    amount: { required: true, categorical: false, description: 'amount in local currency' },
    currency: { required: false, categorical: true, description: 'INR, BRL, …' },
    country: { required: true, categorical: true, description: 'IN or BR' },
    rail: { required: false, categorical: true, description: 'UPI, PIX, CARD, OTHER' },
    kind: { required: false, categorical: true, description: 'P2P, P2M, BILL' },
    status: { required: false, categorical: true, description: 'SUCCESS, FAILED, REVERSED' },
    counterparty_id: { required: false, categorical: false, description: 'payee' },
    region: { required: false, categorical: false, description: 'Indian state / Brazilian UF' },
    entry_method: { required: false, categorical: true, description: 'CONTACT, QR, UPI_ID, COLLECT, PIX_KEY, …' },
    merchant_category: { required: false, categorical: false, description: 'merchant category' },
  },
  users: {
    user_id: { required: true, categorical: false, description: 'user' },
    country: { required: false, categorical: true, description: 'IN or BR' },
    region: { required: false, categorical: false, description: 'state / UF' },
    signup_ts: { required: false, categorical: false, description: 'account creation time' },
    arm: { required: false, categorical: false, description: 'experiment arm' },
    assigned_ts: { required: false, categorical: false, description: 'when the user was assigned' },
  },
  fx_rates: {
    date: { required: true, categorical: false, description: 'rate date' },
    currency: { required: true, categorical: true, description: 'currency code' },
    usd_per_unit: { required: true, categorical: false, description: 'US dollars per unit of the currency' },
  },
} as const satisfies Record<(typeof ROLE_NAMES)[number], Record<string, { required: boolean; categorical: boolean; description: string }>>

/** Canonical codes of the categorical fields. */
export const CANONICAL_VALUES: Record<string, readonly string[]> = {
  country: ['IN', 'BR'],
  currency: ['INR', 'BRL', 'USD'],
  rail: ['UPI', 'PIX', 'CARD', 'OTHER'],
  kind: ['P2P', 'P2M', 'BILL'],
  status: ['SUCCESS', 'FAILED', 'REVERSED'],
  entry_method: ['CONTACT', 'QR', 'UPI_ID', 'COLLECT', 'PIX_KEY', 'OTHER'],
}

export const roleMappingSchema = z.object({
  dataset: z.string().min(1),
  /** field → source column (absent = unmapped). */
  columns: z.record(z.string(), z.string()),
  /** field → constant canonical value, for a file without that column (e.g. all IN). */
  constants: z.record(z.string(), z.string()).default({}),
  /** field → { source value → canonical value }. Values not listed pass through unchanged. */
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  /** How naive timestamps are read: the country's local time, or UTC. */
  timestamps: z.enum(['local', 'utc']).default('local'),
})

export const countrySettingsSchema = z.object({ currency: z.string().min(3).max(3), timeZone: z.string().min(1) })

export const projectMappingSchema = z.object({
  roles: z.object({ payments: roleMappingSchema.optional(), users: roleMappingSchema.optional(), fx_rates: roleMappingSchema.optional() }),
  countries: z.record(z.string(), countrySettingsSchema).default({
    IN: { currency: 'INR', timeZone: 'Asia/Kolkata' },
    BR: { currency: 'BRL', timeZone: 'America/Sao_Paulo' },
  }),
})

export const validationCheckSchema = z.object({
  id: z.string(),
  role: roleNameSchema,
  severity: z.enum(['error', 'warning', 'ok']),
  title: z.string(),
  count: z.number().int(),
  examples: z.array(z.record(z.string(), z.string().nullable())),
})

export const validationReportSchema = z.object({
  checks: z.array(validationCheckSchema),
  rows: z.record(z.string(), z.number().int()),
})

export const mappingSuggestionSchema = z.object({
  role: roleNameSchema,
  dataset: z.string(),
  mapping: roleMappingSchema,
  /** field → why this column (name match, values seen). */
  reasons: z.record(z.string(), z.string()),
  /** For each categorical mapped field: distinct source values with counts. */
  distinctValues: z.record(z.string(), z.array(z.object({ value: z.string().nullable(), count: z.number().int() }))),
})

export type RoleName = z.infer<typeof roleNameSchema>
export type RoleMapping = z.infer<typeof roleMappingSchema>
export type ProjectMapping = z.infer<typeof projectMappingSchema>
export type ValidationCheck = z.infer<typeof validationCheckSchema>
export type ValidationReport = z.infer<typeof validationReportSchema>
export type MappingSuggestion = z.infer<typeof mappingSuggestionSchema>
