// renderer/index.html carries the app's CSP as a meta tag: the served policy minus
// frame-ancestors, which a meta tag cannot express.
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../common/web/staticPaths'
import indexHtml from '../../renderer/index.html?raw'

describe('renderer/index.html', () => {
  it('has a CSP meta tag equal to CONTENT_SECURITY_POLICY without frame-ancestors', () => {
    const doc = new DOMParser().parseFromString(indexHtml, 'text/html')
    const metas = doc.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')
    expect(metas).toHaveLength(1)
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((directive) => !directive.startsWith('frame-ancestors'))
      .join('; ')
    expect(metas[0]?.getAttribute('content')).toBe(expected)
  })

  it('loads no external resources', () => {
    expect(indexHtml).not.toMatch(/(?:src|href)="(?:https?:)?\/\//)
  })
})
