// Ids of the designer's fields, derived from the campaign schema's dotted issue paths, so an
// issue can point at (and focus) its field. Layer: renderer/components.

/** "eligibility.minAmount" → "cd-eligibility-minAmount" (a valid, unique element id). */
export function fieldId(path: string): string {
  return `cd-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

/** The id of the message under a field (for aria-describedby). */
export function issueId(path: string): string {
  return `${fieldId(path)}-issue`
}

/** Move the keyboard focus to a field, if it is on screen. */
export function focusField(path: string): boolean {
  const element = document.getElementById(fieldId(path))
  if (element === null) return false
  element.focus()
  element.scrollIntoView({ block: 'center' })
  return true
}
