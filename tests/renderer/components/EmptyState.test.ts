// EmptyState and the section views still built on it (Data, Campaigns, Results and Compare have their own views and tests): each
// says what the section will hold.
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import EmptyState from '../../../renderer/components/EmptyState.vue'
import ReportsView from '../../../renderer/views/ReportsView.vue'

describe('EmptyState', () => {
  it('renders title, lead, one card per feature and the prerequisite', () => {
    const wrapper = mount(EmptyState, {
      props: {
        icon: 'results',
        title: 'Nothing yet',
        lead: 'Lead text',
        features: [{ title: 'A', text: 'first' }, { title: 'B', text: 'second' }],
        prerequisite: 'a dataset',
      },
    })
    expect(wrapper.get('h2').text()).toBe('Nothing yet')
    expect(wrapper.findAll('li h3').map((h) => h.text())).toEqual(['A', 'B'])
    expect(wrapper.text()).toContain('Works on a dataset.')
    expect(wrapper.get('svg').attributes('aria-hidden')).toBe('true')
  })
})

describe('section views', () => {
  it.each([
    [ReportsView, ['PDF and HTML', 'XLSX and CSV']],
  ])('%#: says what the section will hold', (view, phrases) => {
    const text = mount(view).text()
    for (const phrase of phrases) expect(text).toContain(phrase)
  })
})
