import { createContext, useContext } from 'react';
import type { Api, MeModel } from './api/client';
import type { ConsoleSettings } from './auth/settings';

export interface ConsoleContext {
  readonly api: Api;
  readonly settings: ConsoleSettings;
  readonly me: MeModel;
}

const Context = createContext<ConsoleContext | null>(null);
export const ConsoleProvider = Context.Provider;

export function useConsole(): ConsoleContext {
  const value = useContext(Context);
  if (!value) throw new Error('useConsole outside ConsoleProvider');
  return value;
}

export function isStaff(me: MeModel): boolean {
  return me.kind === 'reviewer' || me.kind === 'review_lead';
}
