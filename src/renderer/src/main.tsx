import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StartupGate } from './features/history/StartupGate';
import './ui/styles.css';
import { startTheme } from './ui/theme';

// Before the first render, so the first paint is already in the right theme.
startTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StartupGate>
      <App />
    </StartupGate>
  </StrictMode>,
);
