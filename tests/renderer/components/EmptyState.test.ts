// EmptyState and the section views still built on it (Data has its own view and tests): each
// says what the section will hold.
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import EmptyState from '../../../renderer/components/EmptyState.vue'
import CampaignsView from '../../../renderer/views/CampaignsView.vue'
import CompareView from '../../../renderer/views/CompareView.vue'
import ReportsView from '../../../renderer/views/ReportsView.vue'
import ResultsView from '../../../renderer/views/ResultsView.vue'

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
    [CampaignsView, ['Flat amount, percent', 'tiers', 'Caps', 'budget', '48 h payout', 'real payments']],
    [ResultsView, ['CUPED', 'sample-ratio mismatch', 'Segments', 'Cost per incremental adopter']],
    [CompareView, ['side by side', 'Reward level against effect']],
    [ReportsView, ['PDF and HTML', 'XLSX and CSV']],
  ])('%#: says what the section will hold', (view, phrases) => {
    const text = mount(view).text()
    for (const phrase of phrases) expect(text).toContain(phrase)
  })
})
