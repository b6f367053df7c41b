import type { en } from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    // Keys are checked; values are plain strings (interpolation values may be numbers).
    resources: { translation: Record<keyof typeof en, string> };
    keySeparator: false;
    nsSeparator: false;
  }
}

export type MessageKey = keyof typeof en;
