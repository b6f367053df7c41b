export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'met', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/**
 * Provisional due time until the business calendar lands: the target counted in whole calendar
 * days from submission. Replaced by the working-hours calendar (issue 4).
 */
export function provisionalDueAt(submittedAt: Date, businessDays: number): Date {
  return new Date(submittedAt.getTime() + businessDays * 24 * 3600 * 1000);
}
