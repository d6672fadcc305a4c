import type { ConnectionTestReport } from '../../../shared/connections.ts';

const marks = { ok: '✓', warning: '!', failed: '✕', skipped: '–' } as const;
const words = { ok: 'Works', warning: 'Works, with a warning', failed: 'Failed', skipped: 'Not tried' } as const;

/** "Test connection", step by step: what works and what does not. */
export function TestReportView({ report }: { report: ConnectionTestReport }) {
  return (
    <section className="test-report" aria-label="Connection test">
      <h3>{report.ok ? 'The connection works' : 'The connection does not work yet'}</h3>
      <ol>
        {report.steps.map((step) => (
          <li key={step.id} className={`test-step test-step-${step.status}`}>
            <span className="test-mark" aria-label={words[step.status]} role="img">
              {marks[step.status]}
            </span>
            <div>
              <div className="test-label">{step.label}</div>
              <div className="test-detail">{step.detail}</div>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
