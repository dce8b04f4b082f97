// EmptyState: the placeholder a section shows before it has content (ReportsView has its own test).
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import EmptyState from '../../../renderer/components/EmptyState.vue'

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
