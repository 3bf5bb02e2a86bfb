/**
 * The state of the sandbox: plain data. Times are epoch milliseconds; members
 * that mirror AWS keep AWS's PascalCase names so that operations can hand
 * them back as they are. Nothing here holds a class or a Date; the big keyed
 * collections are Maps in memory and plain objects in the saved JSON
 * (`SavedState`), so saving then loading gives back the same state.
 */

export const STATE_VERSION = 1;

export type ResourceType = 'EC2' | 'EBS' | 'EFS' | 'RDS' | 'DynamoDB' | 'S3';

export const RESOURCE_TYPES: readonly ResourceType[] = ['EC2', 'EBS', 'EFS', 'RDS', 'DynamoDB', 'S3'];

export type QuotaProfile = 'notes' | 'aws';

export interface Settings {
  /**
   * Which figure to use where the notes and AWS's current documentation
   * differ (frameworks per Region: 10 in the notes, 15 at AWS now).
   */
  quotaProfile: QuotaProfile;
  /** Cross-account backup, turned on in the management account (UpdateGlobalSettings). */
  crossAccountBackupEnabled: boolean;
  /** How many entries each log (events, activity, notifications, metrics) keeps; older ones are dropped. */
  logLimit: number;
  /**
   * Lower (or raise) a quota for a lab, so a learner can meet a limit such as a million
   * recovery points per vault without making a million of them. Names as in quotas.ts.
   */
  quotaOverrides?: Record<string, number>;
}

export interface Account {
  id: string;
  name: string;
}

export interface Resource {
  arn: string;
  type: ResourceType;
  name: string;
  accountId: string;
  region: string;
  sizeGb: number;
  tags: Record<string, string>;
  createdAt: number;
  /** Set when the resource came from a restore job. */
  restoredFrom?: string;
  /** DynamoDB tables opted into AWS Backup's advanced features (cold storage needs them). */
  advanced?: boolean;
}

export interface KmsKey {
  arn: string;
  accountId: string;
  region: string;
  alias: string;
  /** `aws/backup` is AWS managed; the others are customer managed. */
  managed: 'AWS' | 'CUSTOMER';
}

export interface Bucket {
  name: string;
  arn: string;
  accountId: string;
  region: string;
}

export interface S3Object {
  bucket: string;
  key: string;
  body: string;
  contentType: string;
  createdAt: number;
}

export interface VaultLock {
  MinRetentionDays?: number;
  MaxRetentionDays?: number;
  /** Compliance mode when set: the lock becomes immutable at this time. Governance mode when absent. */
  LockDate?: number;
  /** When the lock was put (recovery points saved before it keep their lifecycle). */
  since: number;
}

export interface Vault {
  BackupVaultName: string;
  BackupVaultArn: string;
  accountId: string;
  region: string;
  EncryptionKeyArn: string;
  CreationDate: number;
  CreatorRequestId?: string;
  kind: 'default' | 'efs-automatic' | 'custom';
  lock?: VaultLock;
  /** Resource-based access policy (JSON text). */
  policy?: string;
  notifications?: { SNSTopicArn: string; BackupVaultEvents: string[] };
}

export interface Lifecycle {
  MoveToColdStorageAfterDays?: number;
  DeleteAfterDays?: number;
  OptInToArchiveForSupportedResources?: boolean;
}

export interface CopyAction {
  DestinationBackupVaultArn: string;
  Lifecycle?: Lifecycle;
}

export interface BackupRule {
  RuleName: string;
  RuleId: string;
  TargetBackupVaultName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone: string;
  StartWindowMinutes: number;
  CompletionWindowMinutes: number;
  Lifecycle?: Lifecycle;
  RecoveryPointTags?: Record<string, string>;
  CopyActions?: CopyAction[];
  EnableContinuousBackup?: boolean;
}

export interface AdvancedBackupSetting {
  ResourceType: string;
  BackupOptions: Record<string, string>;
}

export interface PlanVersion {
  VersionId: string;
  BackupPlanName: string;
  Rules: BackupRule[];
  AdvancedBackupSettings?: AdvancedBackupSetting[];
  CreationDate: number;
  DeletionDate?: number;
}

export interface Plan {
  BackupPlanId: string;
  BackupPlanArn: string;
  accountId: string;
  region: string;
  CreationDate: number;
  CreatorRequestId?: string;
  DeletionDate?: number;
  LastExecutionDate?: number;
  /** Oldest first; the last one is current. */
  versions: PlanVersion[];
  /** Per rule id: the next time the rule runs (epoch ms), or null when never. */
  nextRun: Record<string, number | null>;
}

export interface Condition {
  ConditionType?: string;
  ConditionKey: string;
  ConditionValue: string;
}

export interface Selection {
  SelectionId: string;
  BackupPlanId: string;
  SelectionName: string;
  IamRoleArn: string;
  Resources: string[];
  NotResources: string[];
  ListOfTags: Condition[];
  Conditions: {
    StringEquals: { ConditionKey: string; ConditionValue: string }[];
    StringNotEquals: { ConditionKey: string; ConditionValue: string }[];
    StringLike: { ConditionKey: string; ConditionValue: string }[];
    StringNotLike: { ConditionKey: string; ConditionValue: string }[];
  };
  CreationDate: number;
  CreatorRequestId?: string;
}

export type BackupJobState =
  | 'CREATED'
  | 'PENDING'
  | 'RUNNING'
  | 'ABORTING'
  | 'ABORTED'
  | 'COMPLETED'
  | 'FAILED'
  | 'EXPIRED'
  | 'PARTIAL';

export interface BackupJob {
  /** Sandbox rule behind a FAILED, EXPIRED or ABORTED state. */
  ruleId?: string;
  BackupJobId: string;
  accountId: string;
  region: string;
  BackupVaultName: string;
  BackupVaultArn: string;
  ResourceArn: string;
  ResourceType: ResourceType;
  ResourceName: string;
  IamRoleArn: string;
  State: BackupJobState;
  StatusMessage?: string;
  CreationDate: number;
  /** Latest time the job may start (end of the start window). */
  StartBy: number;
  /** Latest time the job may finish (end of the completion window, from the scheduled time). */
  CompleteBy: number;
  StartedAt?: number;
  ExpectedCompletionDate?: number;
  CompletionDate?: number;
  BackupSizeInBytes?: number;
  RecoveryPointArn?: string;
  Lifecycle?: Lifecycle;
  RecoveryPointTags?: Record<string, string>;
  CopyActions?: CopyAction[];
  continuous?: boolean;
  CreatedBy?: { BackupPlanId: string; BackupPlanArn: string; BackupPlanVersion: string; BackupRuleId: string };
  IdempotencyToken?: string;
  /** Next time the job's state machine wakes up (start retry, finish). */
  wakeAt?: number;
}

export type CopyJobState = 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'PARTIAL';

export interface CopyJob {
  /** Sandbox rule behind a FAILED, EXPIRED or ABORTED state. */
  ruleId?: string;
  CopyJobId: string;
  accountId: string;
  region: string;
  SourceBackupVaultArn: string;
  SourceRecoveryPointArn: string;
  DestinationBackupVaultArn: string;
  DestinationRecoveryPointArn?: string;
  ResourceArn: string;
  ResourceType: ResourceType;
  ResourceName: string;
  IamRoleArn: string;
  State: CopyJobState;
  StatusMessage?: string;
  CreationDate: number;
  CompletionDate?: number;
  BackupSizeInBytes: number;
  Lifecycle?: Lifecycle;
  CreatedBy?: { BackupPlanId: string; BackupPlanArn: string; BackupPlanVersion: string; BackupRuleId: string };
  wakeAt?: number;
}

export type RestoreJobStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'ABORTED' | 'FAILED';

export interface RestoreJob {
  /** Sandbox rule behind a FAILED, EXPIRED or ABORTED state. */
  ruleId?: string;
  RestoreJobId: string;
  accountId: string;
  region: string;
  RecoveryPointArn: string;
  ResourceType: ResourceType;
  IamRoleArn: string;
  Status: RestoreJobStatus;
  StatusMessage?: string;
  CreationDate: number;
  CompletionDate?: number;
  BackupSizeInBytes: number;
  PercentDone?: string;
  ExpectedCompletionTimeMinutes: number;
  CreatedResourceArn?: string;
  RecoveryPointCreationDate: number;
  Metadata: Record<string, string>;
  wakeAt?: number;
}

export type RecoveryPointStatus = 'CREATING' | 'COMPLETED' | 'PARTIAL' | 'DELETING' | 'EXPIRED';

export interface RecoveryPoint {
  RecoveryPointArn: string;
  accountId: string;
  region: string;
  BackupVaultName: string;
  BackupVaultArn: string;
  SourceBackupVaultArn?: string;
  ResourceArn: string;
  ResourceType: ResourceType;
  ResourceName: string;
  IamRoleArn: string;
  Status: RecoveryPointStatus;
  StatusMessage?: string;
  CreationDate: number;
  CompletionDate: number;
  BackupSizeInBytes: number;
  Lifecycle?: Lifecycle;
  EncryptionKeyArn: string;
  StorageClass: 'WARM' | 'COLD';
  /** When it moved to cold storage. */
  coldSince?: number;
  LastRestoreTime?: number;
  CreatedBy?: { BackupPlanId: string; BackupPlanArn: string; BackupPlanVersion: string; BackupRuleId: string };
  continuous?: boolean;
  /** GB this backup adds to storage: the first backup of a resource in a vault is full, later ones incremental. */
  storedGb: number;
  /** When an asynchronous deletion finishes. */
  purgeAt?: number;
}

export interface Framework {
  FrameworkName: string;
  FrameworkArn: string;
  accountId: string;
  region: string;
  FrameworkDescription?: string;
  FrameworkControls: FrameworkControl[];
  CreationTime: number;
  DeploymentStatus: 'CREATE_IN_PROGRESS' | 'UPDATE_IN_PROGRESS' | 'DELETE_IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  /** When the deployment in progress completes. */
  deployedAt?: number;
  IdempotencyToken?: string;
  /** Latest daily evaluation: per control, the resources and whether each complies. */
  evaluation?: { at: number; controls: { ControlName: string; compliant: string[]; nonCompliant: string[] }[] };
}

export interface FrameworkControl {
  ControlName: string;
  ControlInputParameters?: { ParameterName: string; ParameterValue: string }[];
  ControlScope?: { ComplianceResourceIds?: string[]; ComplianceResourceTypes?: string[]; Tags?: Record<string, string> };
}

export interface ReportPlan {
  ReportPlanName: string;
  ReportPlanArn: string;
  accountId: string;
  region: string;
  ReportPlanDescription?: string;
  ReportSetting: {
    ReportTemplate: string;
    FrameworkArns?: string[];
    NumberOfFrameworks?: number;
    Accounts?: string[];
    OrganizationUnits?: string[];
    Regions?: string[];
  };
  ReportDeliveryChannel: { S3BucketName: string; S3KeyPrefix?: string; Formats: string[] };
  DeploymentStatus: 'CREATE_IN_PROGRESS' | 'UPDATE_IN_PROGRESS' | 'DELETE_IN_PROGRESS' | 'COMPLETED';
  deployedAt?: number;
  CreationTime: number;
  LastAttemptedExecutionTime?: number;
  LastSuccessfulExecutionTime?: number;
  IdempotencyToken?: string;
}

export interface ReportJob {
  ReportJobId: string;
  accountId: string;
  region: string;
  ReportPlanArn: string;
  ReportTemplate: string;
  CreationTime: number;
  CompletionTime?: number;
  Status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  StatusMessage?: string;
  ReportDestination?: { S3BucketName: string; S3Keys: string[] };
  wakeAt?: number;
}

/** A cost that has been incurred (a transfer or a restore) or storage accrued by deleted recovery points. */
export interface UsageTotals {
  /** GB-milliseconds of warm storage by `account|region|resourceType`. */
  warmGbMs: Record<string, number>;
  /** GB-milliseconds of cold storage billed (with the 90-day minimum applied) by key. */
  coldGbMs: Record<string, number>;
  /** GB transferred between Regions, by `account|region` of the source. */
  transferGb: Record<string, number>;
  /** GB restored, by `account|region|resourceType`. */
  restoreGb: Record<string, number>;
}

export interface SandboxEvent {
  /** Position among all events ever emitted (the EventBridge id is derived from it when shown). */
  n: number;
  time: number;
  account: string;
  region: string;
  source: 'aws.backup';
  'detail-type': string;
  /** The one ARN of EventBridge's `resources` list (all sandbox events have at most one). */
  resource?: string;
  detail: Record<string, unknown>;
}

export interface ActivityRecord {
  eventId: string;
  eventTime: number;
  eventSource: 'backup.amazonaws.com';
  eventName: string;
  awsRegion: string;
  recipientAccountId: string;
  userIdentity: { type: string; arn: string; accountId: string };
  sourceIPAddress: string;
  requestParameters: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  /** Sandbox rule that refused the call, when one did. */
  ruleId?: string;
}

export interface SnsMessage {
  MessageId: string;
  TopicArn: string;
  Timestamp: number;
  Subject: string;
  Message: string;
  BackupVaultEvent: string;
  BackupVaultName: string;
}

export interface MetricDatum {
  Namespace: 'AWS/Backup';
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  /** Start of the 5-minute period. */
  Timestamp: number;
  Value: number;
  account: string;
  region: string;
}

export interface SandboxState {
  version: typeof STATE_VERSION;
  seed: string;
  now: number;
  /** Ids handed out so far; ids are a hash of the seed and this counter. */
  counter: number;
  settings: Settings;
  organization: { id: string; managementAccountId: string; accounts: Account[]; regions: string[]; defaultRegion: string };
  resources: Resource[];
  kmsKeys: KmsKey[];
  buckets: Bucket[];
  objects: S3Object[];
  vaults: Vault[];
  plans: Plan[];
  selections: Selection[];
  /**
   * Jobs and recovery points by id or ARN. These are Maps because a year of
   * daily backups makes hundreds of thousands of them and a Map iterates and
   * deletes fast; in saved JSON they are plain objects (see SavedState).
   */
  backupJobs: Map<string, BackupJob>;
  copyJobs: Map<string, CopyJob>;
  restoreJobs: Map<string, RestoreJob>;
  recoveryPoints: Map<string, RecoveryPoint>;
  frameworks: Framework[];
  reportPlans: ReportPlan[];
  reportJobs: ReportJob[];
  /** Tags of taggable Backup resources by ARN (vaults, plans, recovery points, frameworks, report plans). */
  tags: Record<string, Record<string, string>>;
  usage: UsageTotals;
  /**
   * Costs so far at the start of each month (UTC), by `account|region` and pricing factor:
   * what the console shows as costs over time.
   */
  costHistory: { at: number; totals: Record<string, Record<string, number>> }[];
  /**
   * Backup chains by `vaultArn|resourceArn`: when the latest backup completed and how many
   * recovery points the chain holds. The first backup of a chain is full, later ones
   * incremental; when the chain's last point goes, the next backup is full again.
   */
  chains: Map<string, { last: number; count: number }>;
  /** When audit controls were last evaluated and daily reports last produced (epoch ms of the day). */
  daily: { auditEvaluatedAt: number; reportsProducedAt: number };
  events: SandboxEvent[];
  activity: ActivityRecord[];
  notifications: SnsMessage[];
  metrics: MetricDatum[];
  /** How many of each log entry there have been, including those dropped. */
  logTotals: { events: number; activity: number; notifications: number; metrics: number };
}

/** The state as saved: the same, with the Maps written as plain objects keyed the same way. */
export type SavedState = Omit<SandboxState, 'backupJobs' | 'copyJobs' | 'restoreJobs' | 'recoveryPoints' | 'chains'> & {
  chains: Record<string, { last: number; count: number }>;
  backupJobs: Record<string, BackupJob>;
  copyJobs: Record<string, CopyJob>;
  restoreJobs: Record<string, RestoreJob>;
  recoveryPoints: Record<string, RecoveryPoint>;
};

const MAPPED = ['backupJobs', 'copyJobs', 'restoreJobs', 'recoveryPoints', 'chains'] as const;

/** The state as JSON-safe data (a deep copy). */
export function saveState(state: SandboxState): SavedState {
  const out: Record<string, unknown> = { ...state };
  for (const k of MAPPED) out[k] = Object.fromEntries(state[k]);
  return JSON.parse(JSON.stringify(out)) as SavedState;
}

/** The in-memory state from saved data (which must already be checked). */
export function loadState(saved: SavedState): SandboxState {
  const copy = JSON.parse(JSON.stringify(saved)) as SavedState;
  return {
    ...copy,
    backupJobs: new Map(Object.entries(copy.backupJobs)),
    copyJobs: new Map(Object.entries(copy.copyJobs)),
    restoreJobs: new Map(Object.entries(copy.restoreJobs)),
    recoveryPoints: new Map(Object.entries(copy.recoveryPoints)),
    chains: new Map(Object.entries(copy.chains)),
  };
}
