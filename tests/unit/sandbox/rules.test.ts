import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../src/lib/sandbox/engine.ts';
import { RULES } from '../../../src/lib/sandbox/rules.ts';
import { ROUTES } from '../../../src/lib/sandbox/rest/routes.generated.ts';

const note = readFileSync('content/storage-aws-backup.md', 'utf8');
const engineSource = readdirSync('src/lib/sandbox', { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts') && f !== 'rules.ts')
  .map((f) => readFileSync(`src/lib/sandbox/${f}`, 'utf8'))
  .join('\n');

/** Rules the engine follows as behaviour, not as a refusal (checked by the named tests instead). */
const BEHAVIOUR = {
  'plan.cold-types': 'moves cold-capable backups to cold and deletes them by lifecycle; ignores cold for other types',
  'plan.recovery-point-tags': "tags recovery points with the rule's RecoveryPointTags",
};

describe('the rule book', () => {
  it('gives every rule its id, one line and at least one source', () => {
    for (const [key, rule] of Object.entries(RULES)) {
      expect(rule.id).toBe(key);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.summary).not.toContain('\n');
      expect(rule.sources.length).toBeGreaterThan(0);
      for (const source of rule.sources) {
        if (source.kind === 'aws') expect(source.url).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
      }
    }
  });

  it("quotes the user's note word for word where a rule comes from it, and its block ids exist", () => {
    const facts = Object.values(RULES).flatMap((r) => r.sources).filter((s) => s.kind === 'note');
    expect(facts.length).toBeGreaterThan(10);
    // The note writes links as [[target|label]]; the rule quotes what a reader sees.
    const visible = note.replace(/\[\[[^\]|]*\|([^\]]*)\]\]/g, '$1').replace(/<mark[^>]*>|<\/mark>/g, '');
    for (const fact of facts) {
      expect(visible, fact.fact).toContain(fact.fact);
      if (fact.blockId) expect(note).toContain(`^${fact.blockId}`);
    }
  });

  it('uses every rule: each is raised by the engine or is a behaviour with its own test', () => {
    // Every test file but this one, which names the behaviour tests itself.
    const tests = readdirSync('tests/unit/sandbox')
      .filter((f) => f.endsWith('.test.ts') && f !== 'rules.test.ts')
      .map((f) => readFileSync(`tests/unit/sandbox/${f}`, 'utf8'))
      .join('\n');
    for (const id of Object.keys(RULES)) {
      if (id in BEHAVIOUR) {
        expect(tests, id).toContain(BEHAVIOUR[id as keyof typeof BEHAVIOUR]);
        continue;
      }
      expect(engineSource, `${id} is never raised`).toContain(`'${id}'`);
      expect(tests, `${id} is never checked by a test`).toContain(`'${id}'`);
    }
  });
});

describe('the operations', () => {
  it('answers at least the operations the issue lists, each with a route of the AWS API model', () => {
    const required =
      'CreateBackupVault DescribeBackupVault ListBackupVaults DeleteBackupVault PutBackupVaultAccessPolicy GetBackupVaultAccessPolicy DeleteBackupVaultAccessPolicy PutBackupVaultNotifications GetBackupVaultNotifications DeleteBackupVaultNotifications PutBackupVaultLockConfiguration DeleteBackupVaultLockConfiguration CreateBackupPlan GetBackupPlan UpdateBackupPlan DeleteBackupPlan ListBackupPlans ListBackupPlanVersions CreateBackupSelection GetBackupSelection DeleteBackupSelection ListBackupSelections StartBackupJob DescribeBackupJob ListBackupJobs StopBackupJob ListRecoveryPointsByBackupVault ListRecoveryPointsByResource DescribeRecoveryPoint UpdateRecoveryPointLifecycle DeleteRecoveryPoint StartRestoreJob DescribeRestoreJob ListRestoreJobs StartCopyJob DescribeCopyJob ListCopyJobs CreateFramework DescribeFramework UpdateFramework DeleteFramework ListFrameworks CreateReportPlan DescribeReportPlan UpdateReportPlan DeleteReportPlan ListReportPlans StartReportJob DescribeReportJob ListReportJobs TagResource UntagResource ListTags'.split(
        ' ',
      );
    for (const op of required) expect(OPERATIONS, op).toContain(op);
    const routed = new Set(ROUTES.map((r) => r.name));
    for (const op of OPERATIONS) expect(routed.has(op), op).toBe(true);
  });
});
