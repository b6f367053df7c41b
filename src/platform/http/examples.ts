// Example values of the OpenAPI document, shared so that its examples fit together: the decision's
// example grant covers the filing example's account, so /docs offers bodies the service accepts.

const DAY = 86_400_000;

export const EXAMPLE_TENANT_ID = '6f1f3c1e-8a4b-4c5d-9e0f-123456789abc';
export const EXAMPLE_USER_ID = '0b5e7c52-2f1d-4b8e-9a37-0d7f3c0b9a11';
export const EXAMPLE_REQUEST_ID = '3d9a6c1e-5b7f-4a2d-8c3e-1f0a9b8c7d6e';
export const EXAMPLE_GRANT_ID = '7c2e4a91-0d3b-4f6e-a5c8-9b1d2e3f4a5b';
export const EXAMPLE_REVIEWER_ID = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

/** Three months from when the service started: inside any GRANT_MAX_DAYS of 90 days or more. */
export const EXAMPLE_EXPIRES_AT = new Date(Math.ceil((Date.now() + 90 * DAY) / DAY) * DAY).toISOString();
