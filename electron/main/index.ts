// Entry of the Electron main process. Everything Electron-specific sits in
// ./electron (the adapters); the services it wires are plain Node.
import { startElectronApp } from './electron/app.ts';

startElectronApp();
