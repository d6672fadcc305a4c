import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { inventoryPreview } from './inventory/inventoryStartup.ts';
import { AppShell } from './shell/AppShell.tsx';
import { startLocalReplica } from './sync/useDatabase.ts';
import './styles/app.css';
import './styles/shell.css';
import './styles/connections.css';
import './styles/forms.css';
import './styles/lists.css';
import './styles/console.css';
import './styles/userPage.css';
import './styles/sections.css';
import './styles/tokens.css';
import './styles/sessions.css';

// Before React mounts: the local copy opens (the inventory index starts loading with it) and the
// inventory's last snapshot is read, so the first screen can show rows as soon as React draws.
// A failure is reported by the shell, which asks for the same promises.
startLocalReplica().catch(() => undefined);
void inventoryPreview();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
