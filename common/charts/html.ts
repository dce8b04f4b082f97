// Tooltip text is HTML in ECharts: everything that came from data (column names, values) is
// escaped first. Layer: common (pure).

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}

/** A coloured dot before a series name in a tooltip line (colours are our own constants). */
export function tooltipDot(color: string): string {
  return `<span style="display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:${escapeHtml(color)}"></span>`
}
