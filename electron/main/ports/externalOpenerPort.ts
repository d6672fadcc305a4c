/** Opens a URL in the user's browser (Electron's `shell.openExternal`). */
export interface ExternalOpenerPort {
  open(url: string): Promise<void>;
}
