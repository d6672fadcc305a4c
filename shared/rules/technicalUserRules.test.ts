import { describe, expect, it } from 'vitest';
import { findNameClash, planFull, planUsage } from './technicalUserRules.ts';

const users = [
  { id: '1', name: 'Salesforce Sync' },
  { id: '2', name: 'Maya Novak', externalAuthId: 'rest_system' },
  { id: '3', name: 'ﬁle importer' },
];

describe('technical user rules', () => {
  it('finds a name already taken, ignoring case and compatibility forms', () => {
    expect(findNameClash('salesforce SYNC', users)?.id).toBe('1');
    expect(findNameClash('  Salesforce sync ', users)?.id).toBe('1');
    expect(findNameClash('file importer', users)?.id).toBe('3');
    expect(findNameClash('Salesforce sync', users, '1')).toBeNull();
    expect(findNameClash('', users)).toBeNull();
  });

  it('counts plan usage without termination system users', () => {
    expect(planUsage(users, 2)).toEqual({ limit: 2, used: 2 });
    expect(planFull(planUsage(users, 2))).toBe(true);
    expect(planFull(planUsage(users, 3))).toBe(false);
    expect(planFull(null)).toBe(false);
  });
});
