// Renderer entry: global styles, Pinia, the theme (applied before the first render), then App.
// Layer: renderer.
import './zodConfig'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { useSettingsStore } from './stores/settings'
import './styles/theme.css'
import './styles/base.css'
import './styles/controls.css'

const pinia = createPinia()
const app = createApp(App).use(pinia)
useSettingsStore(pinia)
app.mount('#app')
