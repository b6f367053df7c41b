/** Where MFA is enforced (domain.md, "surfaces"). */
export const SURFACES = ['partner_center_dashboard', 'partner_center_api', 'delegated_admin'] as const;
export type Surface = (typeof SURFACES)[number];

export const REQUEST_TOPIC = 'MFA and secure application model';
export const REQUEST_ISSUE_TYPE = 'Submit request for technical exception';
