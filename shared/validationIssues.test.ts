import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueList, issuesText } from './validationIssues.ts';

describe('validation issues', () => {
  const schema = z.object({ name: z.string().min(1), dataFields: z.array(z.object({ key: z.string().min(1) })) });
  const issues = schema.safeParse({ name: '', dataFields: [{ key: 'a' }, { key: '' }] }).error!.issues;

  it('list each problem with its dotted path', () => {
    expect(issueList(issues).map((i) => i.path)).toEqual(['name', 'dataFields.1.key']);
    expect(issueList([{ path: 'already.dotted', message: 'm' }])).toEqual([{ path: 'already.dotted', message: 'm' }]);
  });

  it('say them in one sentence, naming the whole value when the path is empty', () => {
    expect(issuesText([{ path: ['a', 0], message: 'bad' }, { path: [], message: 'not an object' }], '(body)')).toBe('a.0: bad; (body): not an object');
    expect(issuesText(issues)).toMatch(/^name: .+; dataFields\.1\.key: .+$/);
  });
});
