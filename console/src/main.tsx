import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { loadSettings } from './auth/settings';
import { createI18n, initialLanguage } from './i18n';
import './i18n/types';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const [i18n, settings] = await Promise.all([createI18n(initialLanguage()), loadSettings()]);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App settings={settings} />
      </I18nextProvider>
    </StrictMode>,
  );
}

void start();
