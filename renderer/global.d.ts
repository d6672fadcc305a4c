import type { TesseraBridge } from '../shared/ipc/contract.ts';

declare global {
  interface Window {
    /** Exposed by the preload: exactly the IPC contract, nothing else. */
    readonly tessera: TesseraBridge;
  }
}
