import { explainError } from '../../shared/console/errorTexts.ts';

/**
 * An error as a person reads it: what happened, the tenant's (or the app's) own words where they add
 * something, what to do next, and the code last, small, for support.
 */
export function ErrorExplanation(props: { code: string; message: string }) {
  const error = explainError(props.code, props.message);
  return (
    <span className="error-explanation">
      <span className="error-sentence">{error.sentence}</span>
      {error.detail ? <span className="error-detail"> {error.detail}</span> : null}
      {error.next ? <span className="error-next"> {error.next}</span> : null}
      <span className="error-code">
        {' '}
        (code for support: <code>{error.code}</code>)
      </span>
    </span>
  );
}
