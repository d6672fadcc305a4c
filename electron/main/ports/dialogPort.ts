export interface MessageDialog {
  readonly type: 'info' | 'warning' | 'error' | 'question';
  readonly title: string;
  readonly message: string;
  readonly detail?: string;
  readonly buttons: readonly string[];
  readonly defaultId?: number;
  readonly cancelId?: number;
}

export interface SaveDialog {
  readonly title: string;
  /** A file name (no folders); the dialog starts in the person's usual place for files. */
  readonly defaultName: string;
  readonly filters: ReadonlyArray<{ readonly name: string; readonly extensions: readonly string[] }>;
}

/** Native dialogs (Electron's `dialog`). */
export interface DialogPort {
  /** Resolves to the chosen button's index. */
  showMessage(dialog: MessageDialog): Promise<number>;
  /** Resolves to the chosen file path, or null when the person cancels. */
  showSave(dialog: SaveDialog): Promise<string | null>;
}
