/** The system clipboard (Electron's asynchronous `clipboard` in the app, a stand-in in the harness). */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}
