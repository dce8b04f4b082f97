// Lint: TypeScript + Vue rules, and the layering rules of DESIGN.md as no-restricted-imports
// per folder. A layering violation is an error, not a review comment (tests/lint proves it).
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'worker_threads', 'stream', 'zlib']

/** One restriction block per layer: which imports are forbidden there, and why. */
function layer(files, patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } }
}

const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' }
const noNode = { group: NODE_BUILTINS, message: 'This layer runs outside Node (browser or any host): no Node built-ins.' }
const noDuckdb = { group: ['@duckdb/*'], message: 'Only electron/engine talks to DuckDB.' }
const noUi = { group: ['vue', 'pinia', 'echarts', 'echarts/*', 'vue-echarts'], message: 'UI packages belong to renderer/ only.' }
const up = (folder) => ({
  group: [`**/${folder}`, `**/${folder}/**`],
  message: `This layer must not import ${folder}/ (see DESIGN.md, "Import rules").`,
})

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'test-output/**', 'bench/output/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  layer(['common/**'], [noNode, noElectron, noDuckdb, noUi, up('electron'), up('renderer'), up('tests')]),
  layer(['electron/engine/**'], [noElectron, noUi, up('main'), up('preload'), up('hosts'), up('renderer'), up('tests')]),
  // Reports render the screen's charts to SVG in Node (ECharts SSR, DESIGN.md): echarts only, here only.
  layer(['electron/engine/reports/**'], [noElectron, { ...noUi, group: noUi.group.filter((g) => !g.startsWith('echarts')) }, up('main'), up('preload'), up('hosts'), up('renderer'), up('tests')]),
  layer(['electron/hosts/**'], [noElectron, noUi, up('main'), up('preload'), up('renderer'), up('tests')]),
  layer(['electron/main/**'], [noUi, up('preload'), up('renderer'), up('tests')]),
  layer(['electron/preload/**'], [
    noNode,
    noDuckdb,
    noUi,
    up('engine'),
    up('hosts'),
    up('main'),
    up('renderer'),
    up('tests'),
    { regex: 'common/contract(/index|/schemas|/engineApi)?$', message: 'The preload bundles only pure constants: import from common/contract/methods.' },
  ]),
  layer(['renderer/**'], [noNode, noElectron, noDuckdb, up('electron'), up('tests')]),
  layer(['bench/**', 'scripts/**', 'bin/**', 'datasets/**'], [up('tests')]),
)
