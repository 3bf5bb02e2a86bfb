/**
 * The rule book of the sandbox. Every check the engine makes has an entry here
 * with a stable id, a one-line explanation and its source: the fact in the
 * user's notes when the notes state it (note id, block id where the fact has
 * one, the fact's text), otherwise the AWS document that does.
 */

export type RuleSource =
  | {
      kind: 'note';
      /** Note id (file name without `.md`), e.g. `storage-aws-backup`. */
      note: string;
      /** The fact's text as the note writes it (to find and link the fact). */
      fact: string;
      /** The block id when the fact (or its section) carries one, e.g. `6d75b2`. */
      blockId?: string;
    }
  | {
      kind: 'aws';
      /** Title of the AWS document. */
      title: string;
      url: string;
    };

export interface Rule {
  /** Stable id such as `vault.delete-default`. */
  id: string;
  /** One line: what the rule says. */
  summary: string;
  /** Where the rule comes from; the notes first when they state it. */
  sources: RuleSource[];
}

const NOTE = 'storage-aws-backup';
const DG = 'https://docs.aws.amazon.com/aws-backup/latest/devguide/';
const API = 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_';

function note(fact: string, blockId?: string): RuleSource {
  return blockId ? { kind: 'note', note: NOTE, fact, blockId } : { kind: 'note', note: NOTE, fact };
}
function aws(title: string, url: string): RuleSource {
  return { kind: 'aws', title, url };
}

const LIMITS = aws('AWS Backup quotas', `${DG}aws-backup-limits.html`);
const VAULT_LOCK = aws('AWS Backup Vault Lock', `${DG}vault-lock.html`);
const PUT_LOCK = aws('PutBackupVaultLockConfiguration (API reference)', `${API}PutBackupVaultLockConfiguration.html`);
const LIFECYCLE = aws('Lifecycle (API reference)', `${API}Lifecycle.html`);
const RULE_API = aws('BackupRuleInput (API reference)', `${API}BackupRuleInput.html`);
const SELECTION_API = aws('BackupSelection (API reference)', `${API}BackupSelection.html`);
const FRAMEWORKS = aws('Creating frameworks with the AWS Backup API', `${DG}creating-frameworks-api.html`);
const REPORTS = aws('Working with audit reports', `${DG}working-with-audit-reports.html`);
const COPY = aws('Creating backup copies across AWS Regions and accounts', `${DG}recov-point-create-a-copy.html`);
const CROSS_ACCOUNT = aws('Creating backup copies across AWS accounts', `${DG}create-cross-account-backup.html`);
const PITR = aws('Continuous backups and point-in-time recovery (PITR)', `${DG}point-in-time-recovery.html`);
const SANDBOX = aws('Sandbox decision (AWS does not document this; see the rule book)', `${DG}whatisbackup.html`);

function r(id: string, summary: string, ...sources: RuleSource[]): Rule {
  return { id, summary, sources };
}

/** Every rule the sandbox enforces, by id. */
export const RULES = {
  'vault.name': r(
    'vault.name',
    'A vault name has 2 to 50 characters: letters, digits, hyphens and underscores.',
    aws('CreateBackupVault (API reference)', `${API}CreateBackupVault.html`),
  ),
  'vault.unique-name': r(
    'vault.unique-name',
    'Vault names are unique within an account and Region.',
    aws('CreateBackupVault (API reference)', `${API}CreateBackupVault.html`),
  ),
  'vault.kms-key': r(
    'vault.kms-key',
    'A vault encrypts its backups with an AWS KMS key in its own account and Region (aws/backup when none is given); the key cannot be changed later.',
    note('encrypting backups in a vault needs a AWS KMS (key management system) encryption key'),
    aws('Creating a backup vault', `${DG}create-a-vault.html`),
  ),
  'vault.delete-default': r(
    'vault.delete-default',
    'The Default vault and the EFS automatic backup vault cannot be deleted.',
    note('cannot delete AWS backup default vault and AWS EFS automatic backup vault'),
    aws('Deleting a backup vault', `${DG}deleting-a-vault.html`),
  ),
  'vault.delete-non-empty': r(
    'vault.delete-non-empty',
    'A vault can be deleted only when it holds no recovery points (one being deleted still counts).',
    aws('DeleteBackupVault (API reference)', `${API}DeleteBackupVault.html`),
  ),
  'vault.access-policy': r(
    'vault.access-policy',
    "A vault's access policy decides who may act on it; an explicit Deny wins over everything.",
    note('can create multiple backup vaults if you need different encryption keys/access policies for different backup groups'),
    aws('Vault access policies', `${DG}create-a-vault-access-policy.html`),
  ),
  'vault.notifications': r(
    'vault.notifications',
    'Vault notifications go to a standard SNS topic in the same account, for the listed vault events.',
    note('Amazon SNS to subscibe to/notify of AWS backup events'),
    aws('Amazon SNS notifications for AWS Backup', `${DG}backup-notifications.html`),
  ),
  'vault.quota': r('vault.quota', 'At most 300 vaults per account and Region.', LIMITS),
  'vault.recovery-point-quota': r(
    'vault.recovery-point-quota',
    'A vault holds at most 1,000,000 recovery points; backup and copy jobs into a full vault fail.',
    LIMITS,
  ),
  'lock.retention-range': r(
    'lock.retention-range',
    'Vault lock retention: MinRetentionDays at least 1, MaxRetentionDays at most 36,500, and Min not above Max.',
    PUT_LOCK,
  ),
  'lock.grace-period': r(
    'lock.grace-period',
    'A compliance-mode lock needs ChangeableForDays of at least 3 (and at most 36,500): the grace time before it becomes immutable.',
    PUT_LOCK,
    VAULT_LOCK,
  ),
  'lock.immutable': r(
    'lock.immutable',
    'After its lock date a compliance-mode lock cannot be changed or deleted by anyone, root included. Without ChangeableForDays the lock is in governance mode and stays changeable.',
    note('AWS backup vault lock allows you to force retention periods/early deletions'),
    VAULT_LOCK,
  ),
  'lock.early-deletion': r(
    'lock.early-deletion',
    'In a locked vault no recovery point can be deleted, nor its lifecycle changed, before its retention ends.',
    note('AWS backup vault lock allows you to force retention periods/early deletions'),
    PUT_LOCK,
  ),
  'lock.job-retention': r(
    'lock.job-retention',
    "Backup and copy jobs into a locked vault fail when their retention is outside the lock's minimum and maximum (indefinite retention counts as above any maximum).",
    note('AWS backup vault lock allows you to force retention periods/early deletions'),
    PUT_LOCK,
  ),
  'plan.name': r(
    'plan.name',
    'A plan name has 1 to 50 characters: letters, digits, hyphens, underscores and periods.',
    aws('BackupPlanInput (API reference)', `${API}BackupPlanInput.html`),
  ),
  'plan.identical-document': r(
    'plan.identical-document',
    'A plan whose document is identical to an existing plan\'s is refused (a different document under the same name is allowed, as in the API).',
    aws('Creating a backup plan', `${DG}creating-a-backup-plan.html`),
  ),
  'plan.rule': r(
    'plan.rule',
    'Each rule has a unique name (1 to 50 letters, digits, -, _ or .), a target vault that exists, and a valid cron or rate schedule in UTC, at most hourly.',
    note('policy expression; determines when/how you want your AWS resources backed up', '6d75b2'),
    RULE_API,
  ),
  'plan.windows': r(
    'plan.windows',
    'StartWindowMinutes is at least 60 (default 480, 8 hours); CompletionWindowMinutes defaults to 10,080 (7 days) and may not be shorter than the start window.',
    RULE_API,
    aws('Creating a backup plan', `${DG}creating-a-backup-plan.html`),
  ),
  'plan.lifecycle-cold': r(
    'plan.lifecycle-cold',
    'A backup moved to cold storage must stay there 90 days: DeleteAfterDays is at least MoveToColdStorageAfterDays + 90. Days go from 1 to 36,500.',
    LIFECYCLE,
  ),
  'plan.cold-types': r(
    'plan.cold-types',
    'Only some resource types go to cold storage (EFS, EBS, DynamoDB with advanced features in this sandbox); for the others the cold setting is ignored.',
    LIFECYCLE,
    aws('AWS Backup pricing', 'https://aws.amazon.com/backup/pricing/'),
  ),
  'plan.continuous': r(
    'plan.continuous',
    'Continuous backup (point-in-time recovery) needs a lifecycle with DeleteAfterDays from 1 to 35 and no cold storage; it applies to RDS and S3 here, others get snapshots.',
    PITR,
  ),
  'plan.copy-actions': r(
    'plan.copy-actions',
    'A rule copies to at most 5 destination vaults, in other Regions or accounts.',
    note('can create backups across regions and AWS accounts'),
    LIMITS,
  ),
  'plan.recovery-point-tags': r(
    'plan.recovery-point-tags',
    'A rule can tag the recovery points it creates (RecoveryPointTags).',
    note('lifecycle policies can be configured to add tags to backups'),
    RULE_API,
  ),
  'plan.delete-with-selections': r(
    'plan.delete-with-selections',
    'A plan can be deleted only after all its resource assignments are deleted.',
    note('deleting a backup plan requires deletion of all resources associated with it'),
    aws('DeleteBackupPlan (API reference)', `${API}DeleteBackupPlan.html`),
  ),
  'plan.quota': r('plan.quota', 'At most 300 backup plans per account and Region, and 2,000 versions per plan.', LIMITS),
  'plan.advanced-settings': r(
    'plan.advanced-settings',
    'Advanced backup settings exist only for EC2: WindowsVSS set to enabled or disabled.',
    aws('AdvancedBackupSetting (API reference)', `${API}AdvancedBackupSetting.html`),
  ),
  'selection.by-type-or-resource': r(
    'selection.by-type-or-resource',
    'A resource assignment names resources by type (every resource of that type, e.g. arn:aws:ec2:*:*:volume/*) or one at a time by ARN, or by tags; it cannot be empty.',
    note('every instance/resource'),
    note('single instance of a resource type'),
    SELECTION_API,
  ),
  'selection.wildcards': r(
    'selection.wildcards',
    'In a resource ARN a * stands only at the end of the resource name; up to 500 ARNs without wildcards or 30 with them.',
    SELECTION_API,
  ),
  'selection.role': r(
    'selection.role',
    'A resource assignment needs an IAM role ARN in the plan\'s account for AWS Backup to assume.',
    SELECTION_API,
  ),
  'selection.quota': r('selection.quota', 'At most 100 resource assignments per plan (not adjustable).', LIMITS),
  'job.window': r(
    'job.window',
    'A job must start within its start window (else EXPIRED) and finish within its completion window, counted from the scheduled time (else ABORTED).',
    RULE_API,
  ),
  'job.one-per-resource': r(
    'job.one-per-resource',
    'Only one backup or copy job runs per resource at a time; the next one waits and retries every 10 minutes within its start window.',
    LIMITS,
  ),
  'job.stop': r(
    'job.stop',
    'Only a backup job that has not finished can be stopped, and RDS backup jobs cannot be stopped.',
    aws('StopBackupJob (API reference)', `${API}StopBackupJob.html`),
  ),
  'job.resource': r(
    'job.resource',
    'A backup job needs a resource that exists, in the account and Region of the vault.',
    aws('StartBackupJob (API reference)', `${API}StartBackupJob.html`),
  ),
  'recovery-point.lifecycle-update': r(
    'recovery-point.lifecycle-update',
    'A recovery point already in cold storage keeps its cold transition; continuous backups have no lifecycle update; the 90-day cold minimum applies.',
    aws('UpdateRecoveryPointLifecycle (API reference)', `${API}UpdateRecoveryPointLifecycle.html`),
  ),
  'recovery-point.deleting': r(
    'recovery-point.deleting',
    'Deleting a recovery point takes a few minutes (DELETING); meanwhile nothing else can act on it.',
    aws('DeleteRecoveryPoint (API reference)', `${API}DeleteRecoveryPoint.html`),
  ),
  'restore.on-demand': r(
    'restore.on-demand',
    'A completed recovery point can be restored on demand into a new resource; restored data is charged per GB.',
    note('restore backups with AWS Backup Console or on demand manually'),
    aws('Restoring a backup', `${DG}restoring-a-backup.html`),
  ),
  'copy.cold': r(
    'copy.cold',
    'Backups in cold storage and continuous backups cannot be copied on demand.',
    COPY,
    aws('StartCopyJob (API reference)', `${API}StartCopyJob.html`),
  ),
  'copy.cross-account': r(
    'copy.cross-account',
    'A copy to another account needs both accounts in the organization, cross-account backup turned on in the management account, and a destination vault policy that allows backup:CopyIntoBackupVault.',
    note('can create backups across regions and AWS accounts'),
    CROSS_ACCOUNT,
  ),
  'copy.destination': r(
    'copy.destination',
    'A copy needs a destination vault that exists; copies between Regions are charged per GB transferred.',
    note('can create backups across regions and AWS accounts'),
    COPY,
  ),
  'framework.name': r(
    'framework.name',
    'A framework name starts with a letter and has only letters, digits and underscores (1 to 256 characters).',
    aws('CreateFramework (API reference)', `${API}CreateFramework.html`),
  ),
  'framework.controls': r(
    'framework.controls',
    'A framework has at least one control; each control is one AWS Backup Audit Manager control with only its own parameters, and a scope with at most one tag.',
    note('set of controls for assessing backup practices'),
    FRAMEWORKS,
  ),
  'framework.duplicate': r(
    'framework.duplicate',
    'A framework with the same name, or the same controls and parameters as another one, is refused.',
    aws('Creating audit frameworks', `${DG}creating-frameworks-console.html`),
  ),
  'framework.quota': r(
    'framework.quota',
    'Frameworks are limited per account and Region: 10 in the notes (AWS now lists 15; a sandbox setting picks which), and 50 controls in all.',
    note('1 framework per account; max of 10 per region'),
    LIMITS,
  ),
  'framework.in-progress': r(
    'framework.in-progress',
    'A framework or report plan cannot be updated or deleted while a previous change is still being deployed.',
    aws('UpdateFramework (API reference)', `${API}UpdateFramework.html`),
  ),
  'report.template': r(
    'report.template',
    'A report plan uses one report template (backup, copy or restore jobs, resource or control compliance); the template cannot be changed later. Compliance templates need frameworks.',
    note('must create a report plan from a report template to create reports'),
    note('templates include backup and compliance'),
    REPORTS,
  ),
  'report.bucket': r(
    'report.bucket',
    'Report output goes to an S3 bucket in the same Region and account as the report plan.',
    note('reports must be in the same region and account as the S3 bucket'),
    SANDBOX,
  ),
  'report.formats': r(
    'report.formats',
    'Reports come as CSV (default) or JSON.',
    REPORTS,
  ),
  'report.quota': r('report.quota', 'At most 20 report plans per account.', note('max of 20 report plans per account'), LIMITS),
  'report.name': r(
    'report.name',
    'A report plan name starts with a letter and has only letters, digits and underscores (1 to 256 characters).',
    aws('CreateReportPlan (API reference)', `${API}CreateReportPlan.html`),
  ),
  'tags.backup-arns': r(
    'tags.backup-arns',
    'Tags apply to AWS Backup resources (vaults, plans, recovery points, frameworks, report plans); at most 50 per resource.',
    aws('TagResource (API reference)', `${API}TagResource.html`),
    LIMITS,
  ),
  'input.required': r(
    'input.required',
    'Required request members must be present and of the right type.',
    aws('AWS Backup API reference', `${DG}api-reference.html`),
  ),
  'input.not-found': r(
    'input.not-found',
    'The named resource must exist in the caller\'s account and Region.',
    aws('AWS Backup API reference', `${DG}api-reference.html`),
  ),
  'org.management-only': r(
    'org.management-only',
    'Global settings (cross-account backup) can only be changed from the organization\'s management account.',
    aws('UpdateGlobalSettings (API reference)', `${API}UpdateGlobalSettings.html`),
  ),
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** The rule with this id. */
export function rule(id: RuleId): Rule {
  return RULES[id];
}
