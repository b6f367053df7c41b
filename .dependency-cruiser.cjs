// The architecture drawn in ../shared/design/style.md, checked on every CI run (`npm run lint:deps`).
// Folders under src/ are capabilities; `domain/` folders are their pure cores; `shared/` is the small
// kernel of vocabulary every core may use; `platform/` and `config/` serve every capability and
// depend on none.

const CAPABILITIES = '(requests|classification|review|sla|grants|enforcement|audit|notifications|webhooks|mail|metrics|console)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-core-is-pure',
      comment:
        'A domain core (src/**/domain/) is plain TypeScript: other domain cores, the shared kernel, Node and small libraries (frameworks are refused below).',
      severity: 'error',
      from: { path: '^src/([^/]+)/domain/' },
      to: {
        pathNot: ['^src/[^/]+/domain/', '^src/shared/', '^node_modules/'],
        dependencyTypesNot: ['type-only', 'core'],
      },
    },
    {
      name: 'domain-core-types-are-pure',
      comment: 'Even type imports of a core come from cores and the shared kernel: no framework, ORM or platform types.',
      severity: 'error',
      from: { path: '^src/([^/]+)/domain/' },
      to: { path: ['^src/(platform|config|database|queue)/', '^node_modules/(@nestjs|typeorm|fastify|bullmq|ioredis|pg)'] },
    },
    {
      name: 'shared-kernel-is-pure',
      comment: 'The shared kernel depends on nothing of the service and no framework.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'enforcement-not-on-requests-or-review',
      comment: 'Enforcement answers from grants; it knows nothing of requests or the review workflow.',
      severity: 'error',
      from: { path: '^src/enforcement/' },
      to: { path: '^src/(requests|review)/' },
    },
    {
      name: 'classification-not-on-requests',
      comment: 'The classifier and its report stand alone; requests use classification, not the other way round.',
      severity: 'error',
      from: { path: '^src/classification/' },
      to: { path: '^src/requests/' },
    },
    {
      name: 'platform-serves-no-capability',
      comment: 'Cross-cutting code (auth, errors, http, idempotency, pagination, logging, health) depends on no capability.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: `^src/${CAPABILITIES}/` },
    },
    {
      name: 'config-depends-on-nothing',
      comment: 'Configuration is read once at boot; it imports no capability (nor the platform).',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: [`^src/${CAPABILITIES}/`, '^src/platform/'] },
    },
    {
      name: 'client-uses-pure-cores-only',
      comment:
        'The enforcement client package bundles the service’s decision rules by relative import: only domain cores and the shared kernel, never Nest, TypeORM or the platform.',
      severity: 'error',
      from: { path: '^clients/' },
      to: { path: '^src/', pathNot: ['^src/[^/]+/domain/', '^src/shared/'] },
    },
    {
      name: 'client-has-no-runtime-dependency',
      comment: 'The package ships without dependencies: Node built-ins and its own files only.',
      severity: 'error',
      from: { path: '^clients/[^/]+/src/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Capabilities depend on each other in one direction only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A file nothing imports is dead code (entry points and declarations aside).',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: ['^src/main\\.ts$', '^src/database/data-source\\.ts$', '\\.d\\.ts$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
