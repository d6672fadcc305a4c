import type { TesseraBridge } from '../shared/ipc/contract.ts';

/** The renderer's only way to reach main. */
export function bridge(): TesseraBridge {
  if (!window.tessera) throw new Error('The Tessera bridge is missing: the preload did not run.');
  return window.tessera;
}
