import { useEffect } from 'react';
import { useNoticesStore } from '../state/noticesStore.ts';

/** A polite live region for messages; errors stay until dismissed, the rest fade after a while. */
export function Notices() {
  const notices = useNoticesStore((s) => s.notices);
  const dismiss = useNoticesStore((s) => s.dismiss);
  useEffect(() => {
    const timers = notices.filter((n) => n.kind !== 'error').map((n) => window.setTimeout(() => dismiss(n.id), 6000));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [notices, dismiss]);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>
            {notice.message}
            {notice.repeats && notice.repeats > 1 ? <span className="notice-repeats"> ×{notice.repeats}</span> : null}
          </span>
          {notice.code ? <code className="notice-code">{notice.code}</code> : null}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
