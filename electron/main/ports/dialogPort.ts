export interface MessageDialog {
  readonly type: 'info' | 'warning' | 'error' | 'question';
  readonly title: string;
  readonly message: string;
  readonly detail?: string;
  readonly buttons: readonly string[];
  readonly defaultId?: number;
  readonly cancelId?: number;
}

/** Native message boxes (Electron's `dialog`). Resolves to the chosen button's index. */
export interface DialogPort {
  showMessage(dialog: MessageDialog): Promise<number>;
}
