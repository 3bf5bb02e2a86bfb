import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../src/lib/routes.ts';

describe('routes', () => {
  it.each<Route>([
    { name: 'home' },
    { name: 'home', tag: 'aws-ccp-exam-notes/services/storage/backup' },
    { name: 'search', query: 'vault lock & 20' },
    { name: 'note', noteId: 'storage-aws-backup' },
    { name: 'note', noteId: 'storage-aws-backup', sectionId: 'concepts-backup-plan' },
    { name: 'note', noteId: 'storage-aws-backup', factId: 'storage-aws-backup^6d75b2' },
    { name: 'note', noteId: 'storage-aws-backup', factId: 'storage-aws-backup#0xle5kph0vh' },
    { name: 'review', filter: {} },
    { name: 'review', filter: { note: 'storage-aws-backup', section: 'concepts-backup-plan', tag: 'aws-ccp exam/backup' } },
    { name: 'stats' },
    { name: 'quiz' },
    { name: 'exam' },
    { name: 'progress' },
    { name: 'sandbox' },
    { name: 'drills' },
    { name: 'drill-open', code: 'd1.eJzLSM3JyVcozy_KSQEAGgQEXQ' },
    { name: 'drill-take', drillId: 'k3j2h4g5f6d7s8a9' },
    { name: 'drill-results', drillId: 'k3j2h4g5f6d7s8a9' },
    { name: 'sandbox', tab: 'cli' },
    { name: 'sandbox', tab: 'labs', lab: 'compliance-lock' },
  ])('round-trips %j', (route) => {
    expect(parseRoute(routeHref(route))).toEqual(route);
  });
  it('falls back to home for unknown or broken addresses', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'home' });
    expect(parseRoute('#/n/%E0%A4%A')).toEqual({ name: 'note', noteId: '%E0%A4%A' });
  });
});
