// Fails when two folders of src/ depend on each other, through any of their files (dependency-cruiser
// finds cycles between files; a cycle between capabilities can run through different files).
//   npm run lint:deps
import { execFileSync } from 'node:child_process';

interface Module {
  readonly source: string;
  readonly dependencies: readonly { readonly resolved: string }[];
}

const json = execFileSync(
  'npx',
  ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--collapse', '^src/[^/]+/', '--output-type', 'json'],
  {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
);
const folders = (JSON.parse(json) as { modules: Module[] }).modules.filter((m) => /^src\/[^/]+\/$/.test(m.source));
const edges = new Map(
  folders.map((m) => [m.source, m.dependencies.map((d) => d.resolved).filter((to) => to !== m.source && /^src\/[^/]+\/$/.test(to))]),
);

// Tarjan's strongly connected components: any component of two or more folders is a cycle.
let index = 0;
const order = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function visit(node: string): void {
  order.set(node, index);
  low.set(node, index++);
  stack.push(node);
  onStack.add(node);
  for (const next of edges.get(node) ?? []) {
    if (!order.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node)!, low.get(next)!));
    } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
  }
  if (low.get(node) === order.get(node)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const node of edges.keys()) if (!order.has(node)) visit(node);

if (cycles.length > 0) {
  for (const cycle of cycles) {
    console.error(`folders depend on each other: ${cycle.join(' ⇄ ')}`);
    for (const from of cycle) for (const to of edges.get(from) ?? []) if (cycle.includes(to)) console.error(`  ${from} → ${to}`);
  }
  process.exit(1);
}
console.log(`no cycles between the ${edges.size} folders of src/`);
