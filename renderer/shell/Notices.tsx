import { useEffect } from 'react';
import { useNoticesStore } from '../state/noticesStore.ts';
import { ErrorExplanation } from './ErrorExplanation.tsx';

const infoNoticeMs = 6000;

/** A polite live region for messages; errors stay until dismissed, the rest fade after a while. */
export function Notices() {
  const notices = useNoticesStore((s) => s.notices);
  const dismiss = useNoticesStore((s) => s.dismiss);
  useEffect(() => {
    // Each notice fades 6 s after it came in, however many others arrive meanwhile.
    const now = Date.now();
    const timers = notices.filter((n) => n.kind !== 'error').map((n) => window.setTimeout(() => dismiss(n.id), Math.max(0, n.at + infoNoticeMs - now)));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [notices, dismiss]);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>
            {notice.code ? <ErrorExplanation code={notice.code} message={notice.message} /> : notice.message}
            {notice.repeats && notice.repeats > 1 ? <span className="notice-repeats"> ×{notice.repeats}</span> : null}
          </span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
