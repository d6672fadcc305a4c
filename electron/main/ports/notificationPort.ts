/** Desktop notifications (Electron's `Notification` in the app, recorded in the harness). */
export interface DesktopNotification {
  readonly title: string;
  readonly body: string;
  /** Called when the person clicks the notification. */
  readonly onClick?: () => void;
}

export interface NotificationPort {
  /** False where the OS has no notification service: reminders then only show inside the app. */
  isSupported(): boolean;
  show(notification: DesktopNotification): void;
}
