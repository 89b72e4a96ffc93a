/** Layer rules: a crossing import fails `npm run lint` (and so CI). See docs/architecture.md. */
module.exports = {
  forbidden: [
    {
      name: 'renderer-only-host-api',
      comment:
        'The renderer talks to the host only through the typed API contract (host/api) and the pure kernel.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(host/(?!api/)|electron/|drivers/|sync/(?!protocol/)|scripts/|kernel/keyed-hash)' },
    },
    {
      name: 'renderer-no-node',
      comment: 'No Node built-ins in the renderer (its Vite build config runs in Node, not in the renderer).',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'host-api-pure',
      comment: 'host/api is shared with the renderer: zod, host/api, sync/protocol and the kernel only.',
      severity: 'error',
      from: { path: '^host/api/' },
      to: { pathNot: '^(host/api/|sync/protocol/|kernel/(?!keyed-hash)|node_modules/zod/)' },
    },
    {
      name: 'sync-protocol-pure',
      comment: 'sync/protocol is shared by kiosk, central server and renderer: zod and the pure kernel only.',
      severity: 'error',
      from: { path: '^sync/protocol/' },
      to: { pathNot: '^(sync/protocol/|kernel/(?!keyed-hash)|node_modules/zod/)' },
    },
    {
      name: 'kernel-at-the-bottom',
      comment:
        'kernel/ holds the rules every side must agree on (Result, ID checks, ageOn, hall time, ticket display, keyed hash): it imports only itself and node:crypto.',
      severity: 'error',
      from: { path: '^kernel/' },
      to: { pathNot: '^(kernel/|crypto$|node:crypto$)' },
    },
    {
      name: 'kiosk-never-imports-central',
      comment:
        "The reference central server is not part of the kiosk. Only the launchers (host/cli, electron/main.ts) wire the demo's embedded server in.",
      severity: 'error',
      from: { path: '^(host/(?!cli/)|drivers/|renderer/|kernel/|electron/(?!main\\.ts$)|sync/(?!central/))' },
      to: { path: '^sync/central/' },
    },
    {
      name: 'libraries-below-shell',
      comment: 'drivers/ and sync/ are libraries: they never import electron/, renderer/ or host/.',
      severity: 'error',
      from: { path: '^(drivers|sync)/' },
      to: { path: '^(electron|renderer|host)/' },
    },
    {
      name: 'drivers-not-sync',
      comment: 'Device drivers know nothing of storage or sync.',
      severity: 'error',
      from: { path: '^drivers/' },
      to: { path: '^sync/' },
    },
    {
      name: 'only-electron-imports-electron',
      severity: 'error',
      from: { pathNot: '^electron/' },
      to: { path: '^node_modules/electron/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-electron-in-tests-at-runtime',
      severity: 'error',
      from: { path: '^(tests|scripts)/' },
      to: { path: '^node_modules/electron/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: "Vite's asset imports (?url) and build-time generated files are resolved by the bundler.",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '(\\?(url|raw)$|/generated/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    exclude: { path: '(node_modules|dist|dist-electron|release)' },
  },
};
