import { describe, expect, it } from 'vitest';
import { ENFORCEMENT_DECISION, registry } from '../../src/platform/metrics/registry.js';

/** The counter's value for one decision, as a scrape reads it. */
async function counted(decision: string): Promise<number> {
  const text = await registry.getSingleMetricAsString('enforcement_decisions_total');
  const line = text.split('\n').find((l) => l.startsWith(`enforcement_decisions_total{decision="${decision}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('enforcement_decisions_total', () => {
  it('shows the hot path counts at the next scrape, each once', async () => {
    const exempt = await counted('exempt');
    const allow = await counted('allow');
    ENFORCEMENT_DECISION.exempt.inc();
    ENFORCEMENT_DECISION.exempt.inc();
    ENFORCEMENT_DECISION.allow.inc();
    expect(await counted('exempt')).toBe(exempt + 2);
    expect(await counted('allow')).toBe(allow + 1);
    // Read again with nothing counted in between: the same values, not counted twice.
    expect(await counted('exempt')).toBe(exempt + 2);
    expect((await registry.getMetricsAsJSON()).find((m) => m.name === 'enforcement_decisions_total')?.type).toBe('counter');
  });
});
