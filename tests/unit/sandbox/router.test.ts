// @vitest-environment node
/**
 * The REST router against the real AWS SDK for JavaScript v3: every request
 * below is serialized and signed by `BackupClient`, so a passing test means the
 * router reads what the SDK writes and the SDK reads what the router answers.
 * The host is a small fake written here, not the engine.
 */
import { describe, expect, it } from 'vitest';
import type { BackupServiceException } from '@aws-sdk/client-backup';
import type { ApiInput, ApiOutput, CallContext, SandboxHost } from '../../../src/lib/sandbox/api.ts';
import { BackupError } from '../../../src/lib/sandbox/errors.ts';
import type { Rule } from '../../../src/lib/sandbox/rules.ts';
import {
  DEFAULT_ACCESS_KEYS,
  MAX_ADVANCE_SECONDS,
  contextFromHeaders,
  createRouter,
  type HttpRequest,
  type HttpResponse,
} from '../../../src/lib/sandbox/rest/router.ts';
import { ROUTES } from '../../../src/lib/sandbox/rest/routes.generated.ts';
import { sandboxClient, sdk } from './sdk-client.ts';

const {
  CreateBackupVaultCommand,
  DeleteBackupVaultCommand,
  DescribeBackupVaultCommand,
  DescribeRecoveryPointCommand,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
} = sdk;

const START = new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 0));
const CREATED = new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 123));
const EBS_ARN = 'arn:aws:ec2:us-east-1::snapshot/snap-0abc';

const DEFAULT_RULE: Rule = {
  id: 'vault.delete-default',
  summary: 'The default vault cannot be deleted.',
  sources: [{ kind: 'aws', title: 'Backup vaults', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/vaults.html' }],
};

interface Call {
  operation: string;
  input: ApiInput;
  context: CallContext | undefined;
}

/** A fake host: an in-memory map of vaults, a clock, and a log of the calls it got. */
class FakeHost implements SandboxHost {
  readonly calls: Call[] = [];
  readonly vaults = new Map<string, { BackupVaultName: string; BackupVaultArn: string; CreationDate: Date }>();
  clock = new Date(START);
  /** When set, every call answers this instead of running the fake. */
  answerAll: ApiOutput | undefined;

  get last(): Call {
    const call = this.calls.at(-1);
    if (!call) throw new Error('no call');
    return call;
  }

  call(operation: string, input: ApiInput, context?: CallContext): ApiOutput {
    this.calls.push({ operation, input, context });
    if (this.answerAll) return this.answerAll;
    const name = String(input['BackupVaultName'] ?? '');
    switch (operation) {
      case 'CreateBackupVault': {
        const existing = this.vaults.get(name);
        if (existing) {
          throw new BackupError('AlreadyExistsException', `Backup vault with the same name already exists`, {
            arn: existing.BackupVaultArn,
            creatorRequestId: String(input['CreatorRequestId']),
          });
        }
        const vault = { BackupVaultName: name, BackupVaultArn: `arn:aws:backup:${context?.region}:${context?.accountId}:backup-vault:${name}`, CreationDate: CREATED };
        this.vaults.set(name, vault);
        return { ...vault };
      }
      case 'DescribeBackupVault': {
        const vault = this.vaults.get(name);
        if (!vault) throw new BackupError('ResourceNotFoundException', `Backup vault ${name} not found`, { context: name });
        return { ...vault, NumberOfRecoveryPoints: 0 };
      }
      case 'ListBackupVaults': {
        const max = typeof input['MaxResults'] === 'number' ? input['MaxResults'] : 1000;
        return { BackupVaultList: [...this.vaults.values()].slice(0, max) };
      }
      case 'DeleteBackupVault':
        if (name === 'Default') {
          throw new BackupError('InvalidRequestException', 'The default backup vault cannot be deleted.', {
            rule: DEFAULT_RULE,
            context: 'vault.delete-default',
          });
        }
        this.vaults.delete(name);
        return {};
      case 'ListRecoveryPointsByBackupVault':
        return { RecoveryPoints: [{ RecoveryPointArn: EBS_ARN, BackupVaultName: name, CreationDate: CREATED }] };
      case 'DescribeRecoveryPoint':
        return { RecoveryPointArn: input['RecoveryPointArn'], BackupVaultName: name, CreationDate: CREATED };
      case 'GetSupportedResourceTypes':
        throw new Error('the fake has a bug');
      default:
        return {};
    }
  }

  now(): Date {
    return new Date(this.clock);
  }
  advance(seconds: number): Date {
    this.clock = new Date(this.clock.getTime() + seconds * 1000);
    return this.now();
  }
  resources(): unknown[] {
    return [{ Arn: EBS_ARN, CreatedAt: CREATED, Size: 8 }];
  }
  events(): unknown[] {
    return [{ detailType: 'Backup Job State Change', time: CREATED }];
  }
  notifications(): unknown[] {
    return [];
  }
  metrics(): unknown[] {
    return [{ MetricName: 'NumberOfBackupJobsCompleted', Timestamp: START, Value: 1 }];
  }
  activity(): unknown[] {
    return [{ eventName: 'CreateBackupVault', eventTime: START }];
  }
  toJSON(): unknown {
    return {};
  }
}

function setup(options?: Parameters<typeof createRouter>[1]) {
  const host = new FakeHost();
  const router = createRouter(host, options);
  return { host, router, client: sandboxClient(router) };
}

function request(partial: Partial<HttpRequest> & { method: string; path: string }): HttpRequest {
  return { query: {}, headers: {}, body: '', ...partial };
}

function json(response: HttpResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

async function sdkError(promise: Promise<unknown>): Promise<BackupServiceException & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as BackupServiceException & Record<string, unknown>;
  }
  throw new Error('expected the SDK call to fail');
}

describe('router through the AWS SDK', () => {
  it('creates and describes a vault; CreationDate survives to the millisecond', async () => {
    const { client, host } = setup();
    const created = await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'prod', BackupVaultTags: { team: 'a' } }));
    expect(created.BackupVaultName).toBe('prod');
    expect(created.CreationDate).toBeInstanceOf(Date);
    expect(created.CreationDate?.getTime()).toBe(CREATED.getTime());
    expect(host.last.operation).toBe('CreateBackupVault');
    expect(host.last.input).toMatchObject({ BackupVaultName: 'prod', BackupVaultTags: { team: 'a' } });
    expect(typeof host.last.input['CreatorRequestId']).toBe('string'); // the SDK fills the idempotency token

    const described = await client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'prod' }));
    expect(described.BackupVaultArn).toBe('arn:aws:backup:us-east-1:111111111111:backup-vault:prod');
    expect(described.CreationDate?.getTime()).toBe(CREATED.getTime());
    expect(described.NumberOfRecoveryPoints).toBe(0);
    expect(described.$metadata.httpStatusCode).toBe(200);
  });

  it('passes MaxResults from the query string as a number', async () => {
    const { client, host } = setup();
    await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'a' }));
    await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'b' }));
    const listed = await client.send(new ListBackupVaultsCommand({ MaxResults: 1 }));
    expect(host.last.operation).toBe('ListBackupVaults');
    expect(host.last.input['MaxResults']).toBe(1);
    expect(listed.BackupVaultList?.map((v) => v.BackupVaultName)).toEqual(['a']);
  });

  it('passes a query-string timestamp as a Date', async () => {
    const { client, host } = setup();
    const before = new Date(Date.UTC(2026, 5, 30, 12, 0, 0, 456));
    const listed = await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'prod', ByCreatedBefore: before }));
    const input = host.last.input;
    expect(input['BackupVaultName']).toBe('prod');
    expect(input['ByCreatedBefore']).toBeInstanceOf(Date);
    expect((input['ByCreatedBefore'] as Date).getTime()).toBe(before.getTime());
    expect(listed.RecoveryPoints?.[0]?.RecoveryPointArn).toBe(EBS_ARN);
    expect(listed.RecoveryPoints?.[0]?.CreationDate?.getTime()).toBe(CREATED.getTime());
  });

  it('turns a BackupError into the SDK exception of the same name and message', async () => {
    const { client } = setup();
    const error = await sdkError(client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'Default' })));
    expect(error).toBeInstanceOf(sdk.BackupServiceException);
    expect(error).toBeInstanceOf(sdk.InvalidRequestException);
    expect(error.name).toBe('InvalidRequestException');
    expect(error.message).toBe('The default backup vault cannot be deleted.');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$fault).toBe('client');
    expect(error['Context']).toBe('vault.delete-default');
    expect(error['Code']).toBe('InvalidRequestException');
    expect(error['Type']).toBe('User');
    // The SDK copies unmodelled body members onto the exception too.
    expect(error['SandboxRule']).toEqual(DEFAULT_RULE);
    expect(error.$metadata.requestId).toMatch(/^00000000-0000-4000-8000-\d{12}$/);
  });

  it('carries AlreadyExistsException Arn and CreatorRequestId to the SDK', async () => {
    const { client } = setup();
    await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'prod' }));
    const error = await sdkError(client.send(new CreateBackupVaultCommand({ BackupVaultName: 'prod', CreatorRequestId: 'req-1' })));
    expect(error).toBeInstanceOf(sdk.AlreadyExistsException);
    expect(error['Arn']).toBe('arn:aws:backup:us-east-1:111111111111:backup-vault:prod');
    expect(error['CreatorRequestId']).toBe('req-1');
  });

  it('answers ResourceNotFoundException for an unknown vault', async () => {
    const { client } = setup();
    const error = await sdkError(client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'nope' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Backup vault nope not found');
  });

  it('turns an unexpected error into a 500 ServiceUnavailableException', async () => {
    const { client } = setup();
    const error = await sdkError(client.send(new sdk.GetSupportedResourceTypesCommand({})));
    expect(error.name).toBe('ServiceUnavailableException');
    expect(error.message).toBe('the fake has a bug');
    expect(error.$metadata.httpStatusCode).toBe(500);
  });

  it('round-trips a recovery point ARN with / and : in a URI label', async () => {
    const { client, host } = setup();
    const described = await client.send(new DescribeRecoveryPointCommand({ BackupVaultName: 'prod', RecoveryPointArn: EBS_ARN }));
    expect(host.last.operation).toBe('DescribeRecoveryPoint');
    expect(host.last.input).toEqual({ BackupVaultName: 'prod', RecoveryPointArn: EBS_ARN });
    expect(described.RecoveryPointArn).toBe(EBS_ARN);

    await client.send(new sdk.DeleteRecoveryPointCommand({ BackupVaultName: 'prod', RecoveryPointArn: 'arn:aws:backup:us-east-1:111111111111:recovery-point:abc' }));
    expect(host.last).toMatchObject({
      operation: 'DeleteRecoveryPoint',
      input: { RecoveryPointArn: 'arn:aws:backup:us-east-1:111111111111:recovery-point:abc' },
    });
  });

  it('takes the Region from the SigV4 scope and the account from the access key', async () => {
    const { router, host } = setup();
    const client = sandboxClient(router, { region: 'eu-west-1', accessKeyId: 'AKIASANDBOXWORK0002' });
    const created = await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'work' }));
    expect(host.last.context).toEqual({
      accountId: '222222222222',
      region: 'eu-west-1',
      caller: 'arn:aws:iam::222222222222:user/sandbox',
    });
    expect(created.BackupVaultArn).toBe('arn:aws:backup:eu-west-1:222222222222:backup-vault:work');

    await sandboxClient(router).send(new ListBackupVaultsCommand({}));
    expect(host.last.context).toMatchObject({ accountId: '111111111111', region: 'us-east-1' });
  });
});

// The operations the sandbox implements, with a minimal input each: one request
// per operation through the SDK must reach the host under the same name with the
// same input (URI labels decoded, query values typed, body members intact).
const OPERATIONS: Record<string, Record<string, unknown>> = {
  CreateBackupVault: { BackupVaultName: 'v1', EncryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/k' },
  DescribeBackupVault: { BackupVaultName: 'v1', BackupVaultAccountId: '222222222222' },
  ListBackupVaults: { ByVaultType: 'BACKUP_VAULT', ByShared: true, MaxResults: 5, NextToken: 'n' },
  DeleteBackupVault: { BackupVaultName: 'v1' },
  PutBackupVaultAccessPolicy: { BackupVaultName: 'v1', Policy: '{"Version":"2012-10-17","Statement":[]}' },
  GetBackupVaultAccessPolicy: { BackupVaultName: 'v1' },
  DeleteBackupVaultAccessPolicy: { BackupVaultName: 'v1' },
  PutBackupVaultNotifications: {
    BackupVaultName: 'v1',
    SNSTopicArn: 'arn:aws:sns:us-east-1:111111111111:t',
    BackupVaultEvents: ['BACKUP_JOB_COMPLETED'],
  },
  GetBackupVaultNotifications: { BackupVaultName: 'v1' },
  DeleteBackupVaultNotifications: { BackupVaultName: 'v1' },
  PutBackupVaultLockConfiguration: { BackupVaultName: 'v1', MinRetentionDays: 7, MaxRetentionDays: 365, ChangeableForDays: 3 },
  DeleteBackupVaultLockConfiguration: { BackupVaultName: 'v1' },
  CreateBackupPlan: {
    BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'v1', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }] },
  },
  GetBackupPlan: { BackupPlanId: 'plan-1', VersionId: 'ver-1' },
  UpdateBackupPlan: { BackupPlanId: 'plan-1', BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'v1' }] } },
  DeleteBackupPlan: { BackupPlanId: 'plan-1' },
  ListBackupPlans: { IncludeDeleted: false, MaxResults: 10 },
  ListBackupPlanVersions: { BackupPlanId: 'plan-1' },
  CreateBackupSelection: {
    BackupPlanId: 'plan-1',
    BackupSelection: { SelectionName: 's', IamRoleArn: 'arn:aws:iam::111111111111:role/r', Resources: ['arn:aws:ec2:*:*:volume/*'] },
  },
  GetBackupSelection: { BackupPlanId: 'plan-1', SelectionId: 'sel-1' },
  DeleteBackupSelection: { BackupPlanId: 'plan-1', SelectionId: 'sel-1' },
  ListBackupSelections: { BackupPlanId: 'plan-1' },
  StartBackupJob: {
    BackupVaultName: 'v1',
    ResourceArn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-1',
    IamRoleArn: 'arn:aws:iam::111111111111:role/r',
    StartWindowMinutes: 60,
    Lifecycle: { DeleteAfterDays: 7 },
  },
  DescribeBackupJob: { BackupJobId: 'job-1' },
  ListBackupJobs: { ByState: 'COMPLETED', ByResourceType: 'EBS', ByAccountId: '111111111111', ByCompleteAfter: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) },
  StopBackupJob: { BackupJobId: 'job-1' },
  ListRecoveryPointsByBackupVault: { BackupVaultName: 'v1', ByCreatedAfter: new Date(Date.UTC(2025, 11, 31)), ByResourceType: 'EBS' },
  ListRecoveryPointsByResource: { ResourceArn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-1', ManagedByAWSBackupOnly: true },
  DescribeRecoveryPoint: { BackupVaultName: 'v1', RecoveryPointArn: EBS_ARN },
  UpdateRecoveryPointLifecycle: { BackupVaultName: 'v1', RecoveryPointArn: EBS_ARN, Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } },
  DeleteRecoveryPoint: { BackupVaultName: 'v1', RecoveryPointArn: EBS_ARN },
  StartRestoreJob: { RecoveryPointArn: EBS_ARN, Metadata: { availabilityZone: 'us-east-1a' }, IamRoleArn: 'arn:aws:iam::111111111111:role/r' },
  DescribeRestoreJob: { RestoreJobId: 'r-1' },
  ListRestoreJobs: { ByStatus: 'COMPLETED', ByCreatedBefore: new Date(Date.UTC(2026, 2, 1)) },
  StartCopyJob: {
    RecoveryPointArn: EBS_ARN,
    SourceBackupVaultName: 'v1',
    DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:111111111111:backup-vault:dr',
    IamRoleArn: 'arn:aws:iam::111111111111:role/r',
  },
  DescribeCopyJob: { CopyJobId: 'c-1' },
  ListCopyJobs: { ByDestinationVaultArn: 'arn:aws:backup:eu-west-1:111111111111:backup-vault:dr' },
  CreateFramework: { FrameworkName: 'fw', FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK' }] },
  DescribeFramework: { FrameworkName: 'fw' },
  UpdateFramework: { FrameworkName: 'fw', FrameworkDescription: 'd' },
  DeleteFramework: { FrameworkName: 'fw' },
  ListFrameworks: { MaxResults: 3 },
  CreateReportPlan: {
    ReportPlanName: 'rp',
    ReportDeliveryChannel: { S3BucketName: 'bucket' },
    ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' },
  },
  DescribeReportPlan: { ReportPlanName: 'rp' },
  UpdateReportPlan: { ReportPlanName: 'rp', ReportPlanDescription: 'd' },
  DeleteReportPlan: { ReportPlanName: 'rp' },
  ListReportPlans: {},
  StartReportJob: { ReportPlanName: 'rp' },
  DescribeReportJob: { ReportJobId: 'rj-1' },
  ListReportJobs: { ByReportPlanName: 'rp', ByCreationAfter: new Date(Date.UTC(2026, 0, 1)) },
  TagResource: { ResourceArn: 'arn:aws:backup:us-east-1:111111111111:backup-vault:v1', Tags: { a: '1' } },
  UntagResource: { ResourceArn: 'arn:aws:backup:us-east-1:111111111111:backup-vault:v1', TagKeyList: ['a'] },
  ListTags: { ResourceArn: 'arn:aws:backup:us-east-1:111111111111:backup-vault:v1' },
  GetSupportedResourceTypes: {},
  DescribeGlobalSettings: {},
  UpdateGlobalSettings: { GlobalSettings: { isCrossAccountBackupEnabled: 'true' } },
  ListProtectedResources: { MaxResults: 2 },
  DescribeProtectedResource: { ResourceArn: 'arn:aws:ec2:us-east-1:111111111111:volume/vol-1' },
};

type SdkCommand = Parameters<InstanceType<typeof sdk.BackupClient>['send']>[0];
type CommandClass = new (input: Record<string, unknown>) => SdkCommand;

describe('routes of the implemented operations', () => {
  it('has a generated route for every one of them', () => {
    const names = new Set(ROUTES.map((route) => route.name));
    const missing = Object.keys(OPERATIONS).filter((name) => !names.has(name));
    expect(missing).toEqual([]);
    expect(Object.keys(OPERATIONS).length).toBeGreaterThanOrEqual(55);
  });

  it('has all of the model, none ambiguous once trailing slashes are ignored', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(100);
    const keys = ROUTES.map((route) => `${route.method} ${route.uri.replace(/\{[^}]+\}/g, '{}').replace(/\/(?=\?|$)/, '')}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  for (const [operation, input] of Object.entries(OPERATIONS)) {
    it(`routes ${operation} as the SDK sends it`, async () => {
      const host = new FakeHost();
      host.answerAll = {};
      const client = sandboxClient(createRouter(host));
      const Command = (sdk as unknown as Record<string, CommandClass | undefined>)[`${operation}Command`];
      if (!Command) throw new Error(`the SDK has no ${operation}Command`);
      const output = await client.send(new Command(structuredClone(input)));
      expect(output.$metadata.httpStatusCode).toBe(ROUTES.find((route) => route.name === operation)?.status);
      expect(host.calls.map((call) => call.operation)).toEqual([operation]);
      expect(host.last.input).toMatchObject(input);
    });
  }
});

describe('router, direct', () => {
  it('answers JSON with Dates as epoch seconds with milliseconds', () => {
    const { router, host } = setup();
    host.answerAll = { CreationDate: CREATED, Nested: [{ At: new Date(0) }], Name: 'x' };
    const response = router(request({ method: 'GET', path: '/backup-vaults/v' }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toBe('{"CreationDate":1767225600.123,"Nested":[{"At":0}],"Name":"x"}');
  });

  it('answers {} for an empty output and nothing for a 204', () => {
    const { router, host } = setup();
    host.answerAll = {};
    expect(router(request({ method: 'DELETE', path: '/backup-vaults/v' })).body).toBe('{}');
    const noContent = router(request({ method: 'DELETE', path: '/restore-testing/plans/p' }));
    expect(noContent.status).toBe(204);
    expect(noContent.body).toBe('');
  });

  it('matches with or without the trailing slash of the model', () => {
    const { router, host } = setup();
    host.answerAll = {};
    router(request({ method: 'GET', path: '/backup-vaults/' }));
    router(request({ method: 'GET', path: '/backup-vaults' }));
    router(request({ method: 'GET', path: '/backup/plans/p1/' }));
    router(request({ method: 'GET', path: '/backup/plans/p1' }));
    router(request({ method: 'POST', path: '/backup/plans/p1' }));
    expect(host.calls.map((c) => c.operation)).toEqual([
      'ListBackupVaults',
      'ListBackupVaults',
      'GetBackupPlan',
      'GetBackupPlan',
      'UpdateBackupPlan',
    ]);
  });

  it('needs the literal query of a URI such as ...?delete', () => {
    const { router, host } = setup();
    host.answerAll = {};
    const response = router(request({ method: 'POST', path: '/backup-vaults/v/mpaApprovalTeam?delete' }));
    expect(response.status).toBe(204);
    expect(host.last).toMatchObject({ operation: 'DisassociateBackupVaultMpaApprovalTeam', input: { BackupVaultName: 'v' } });
    expect(router(request({ method: 'POST', path: '/backup-vaults/v/mpaApprovalTeam' })).status).toBe(404);
  });

  it('decodes labels after splitting on raw slashes and types query values', () => {
    const { router, host } = setup();
    host.answerAll = {};
    router(
      request({
        method: 'GET',
        path: '/backup-vaults/my%20vault/recovery-points/arn%3Aaws%3Aec2%3Aus-east-1%3A%3Asnapshot%2Fsnap-0abc',
      }),
    );
    expect(host.last.input).toEqual({ BackupVaultName: 'my vault', RecoveryPointArn: EBS_ARN });
    router(
      request({
        method: 'GET',
        path: '/backup/plans/?includeDeleted=TRUE&maxResults=7',
        query: { nextToken: 'tok' },
      }),
    );
    expect(host.last.input).toEqual({ IncludeDeleted: true, MaxResults: 7, NextToken: 'tok' });
    router(request({ method: 'GET', path: '/backup-jobs/', query: { completeAfter: '1767225600.5', createdBefore: '2026-01-01T00:00:00Z' } }));
    expect(host.last.input).toEqual({ ByCompleteAfter: new Date(1767225600500), ByCreatedBefore: new Date(Date.UTC(2026, 0, 1)) });
    // botocore (the AWS CLI) keeps the model's trailing slash and writes microseconds.
    router(request({ method: 'GET', path: '/backup-vaults/v/recovery-points/?createdBefore=2026-01-01T00%3A00%3A00.123000Z' }));
    expect(host.last).toMatchObject({ operation: 'ListRecoveryPointsByBackupVault', input: { ByCreatedBefore: CREATED } });
  });

  it('refuses badly typed query values with InvalidParameterValueException', () => {
    const { router } = setup();
    for (const query of [{ maxResults: 'ten' }, { includeDeleted: 'yes' }] as Record<string, string>[]) {
      const response = router(request({ method: 'GET', path: '/backup/plans/', query }));
      expect(response.status).toBe(400);
      expect(response.headers['x-amzn-ErrorType']).toBe('InvalidParameterValueException');
    }
    const response = router(request({ method: 'GET', path: '/backup-jobs/', query: { createdBefore: 'last tuesday' } }));
    expect(json(response)['Message']).toContain('createdBefore');
  });

  it('turns body timestamps, nested ones too, into Dates', () => {
    const { router, host } = setup();
    host.answerAll = {};
    router(
      request({
        method: 'POST',
        path: '/legal-holds/',
        body: JSON.stringify({ Title: 't', RecoveryPointSelection: { DateRange: { FromDate: 1767225600.25, ToDate: 1767312000 } } }),
      }),
    );
    expect(host.last.input).toEqual({
      Title: 't',
      RecoveryPointSelection: { DateRange: { FromDate: new Date(1767225600250), ToDate: new Date(1767312000000) } },
    });
  });

  it('refuses a malformed JSON body', () => {
    const { router, host } = setup();
    const response = router(request({ method: 'PUT', path: '/backup-vaults/v', body: '{"BackupVaultTags": ' }));
    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-ErrorType']).toBe('InvalidParameterValueException');
    expect(json(response)).toMatchObject({ Message: 'Request body is not valid JSON', Code: 'InvalidParameterValueException', Type: 'User' });
    expect(host.calls).toEqual([]);
  });

  it('answers 404 UnknownOperationException naming method and path', () => {
    const { router } = setup();
    const response = router(request({ method: 'PATCH', path: '/backup-vaults/v' }));
    expect(response.status).toBe(404);
    expect(response.headers['x-amzn-ErrorType']).toBe('UnknownOperationException');
    expect(json(response)['Message']).toBe('No AWS Backup operation matches PATCH /backup-vaults/v');
    expect(router(request({ method: 'GET', path: '/nothing/here' })).status).toBe(404);
    expect(router(request({ method: 'GET', path: '/_sandbox/nothing' })).status).toBe(404);
  });

  it('writes the error body with the sandbox rule', () => {
    const { router } = setup();
    const response = router(request({ method: 'DELETE', path: '/backup-vaults/Default' }));
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({ 'x-amzn-ErrorType': 'InvalidRequestException', 'content-type': 'application/json' });
    expect(json(response)).toEqual({
      Message: 'The default backup vault cannot be deleted.',
      Code: 'InvalidRequestException',
      Type: 'User',
      Context: 'vault.delete-default',
      SandboxRule: DEFAULT_RULE,
    });
  });

  it('gives every response a request id', () => {
    const { router } = setup();
    const a = router(request({ method: 'GET', path: '/_sandbox/clock' }));
    const b = router(request({ method: 'GET', path: '/nothing' }));
    expect(a.headers['x-amzn-RequestId']).toBeTruthy();
    expect(b.headers['x-amzn-RequestId']).not.toBe(a.headers['x-amzn-RequestId']);
  });
});

describe('sandbox routes', () => {
  it('reads and advances the clock', () => {
    const { router } = setup();
    expect(json(router(request({ method: 'GET', path: '/_sandbox/clock' })))).toEqual({ Now: '2026-01-01T00:00:00.000Z' });
    const response = router(request({ method: 'POST', path: '/_sandbox/clock/advance', body: '{"seconds": 90061.5}' }));
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({ Now: '2026-01-02T01:01:01.500Z' });
    expect(json(router(request({ method: 'GET', path: '/_sandbox/clock' })))).toEqual({ Now: '2026-01-02T01:01:01.500Z' });
  });

  it.each([
    ['{}', 'seconds is required'],
    ['{"seconds": "60"}', 'seconds must be a number'],
    ['{"seconds": 1e999}', 'seconds must be finite'],
    ['{"seconds": 0}', 'seconds must be positive'],
    ['{"seconds": -5}', 'seconds must be positive'],
    [`{"seconds": ${MAX_ADVANCE_SECONDS + 1}}`, 'seconds must be at most'],
    ['[1]', 'Request body must be a JSON object'],
    ['{seconds: 1}', 'Request body is not valid JSON'],
    ['', 'seconds is required'],
  ])('refuses to advance by %s', (body, message) => {
    const { router, host } = setup();
    const response = router(request({ method: 'POST', path: '/_sandbox/clock/advance', body }));
    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-ErrorType']).toBe('InvalidParameterValueException');
    expect(json(response)['Message']).toContain(message);
    expect(host.now()).toEqual(START);
  });

  it('advances by up to 100 years', () => {
    const { router } = setup();
    expect(router(request({ method: 'POST', path: '/_sandbox/clock/advance', body: JSON.stringify({ seconds: MAX_ADVANCE_SECONDS }) })).status).toBe(200);
  });

  it('shows the views with ISO timestamps', () => {
    const { router } = setup();
    const get = (path: string) => json(router(request({ method: 'GET', path })));
    expect(get('/_sandbox/resources')).toEqual({ Resources: [{ Arn: EBS_ARN, CreatedAt: '2026-01-01T00:00:00.123Z', Size: 8 }] });
    expect(get('/_sandbox/events')).toEqual({ Events: [{ detailType: 'Backup Job State Change', time: '2026-01-01T00:00:00.123Z' }] });
    expect(get('/_sandbox/notifications')).toEqual({ Notifications: [] });
    expect(get('/_sandbox/metrics')).toEqual({ Metrics: [{ MetricName: 'NumberOfBackupJobsCompleted', Timestamp: '2026-01-01T00:00:00.000Z', Value: 1 }] });
    expect(get('/_sandbox/activity')).toEqual({ Activity: [{ eventName: 'CreateBackupVault', eventTime: '2026-01-01T00:00:00.000Z' }] });
  });
});

describe('contextFromHeaders', () => {
  const signed = (key: string, region = 'ap-southeast-2') => ({
    Authorization: `AWS4-HMAC-SHA256 Credential=${key}/20260101/${region}/backup/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`,
  });

  it('maps the documented access keys', () => {
    expect(DEFAULT_ACCESS_KEYS).toEqual({ AKIASANDBOXMGMT0001: '111111111111', AKIASANDBOXWORK0002: '222222222222' });
    expect(contextFromHeaders(signed('AKIASANDBOXWORK0002'))).toEqual({
      accountId: '222222222222',
      region: 'ap-southeast-2',
      caller: 'arn:aws:iam::222222222222:user/sandbox',
    });
  });

  it('finds a known account id in the key, else uses the default account', () => {
    expect(contextFromHeaders(signed('AKIA222222222222TEST')).accountId).toBe('222222222222');
    expect(contextFromHeaders(signed('AKIA3333333333334444')).accountId).toBe('111111111111');
    expect(contextFromHeaders(signed('AKIA333333333333')).accountId).toBe('111111111111');
    const accounts = { AKIAORG: '999999999999' };
    expect(contextFromHeaders(signed('AKIAX999999999999'), { accounts }).accountId).toBe('999999999999');
    expect(contextFromHeaders(signed('AKIAOTHER'), { accounts, defaultAccountId: '444444444444' }).accountId).toBe('444444444444');
  });

  it('reads headers in any case and falls back to the default Region', () => {
    expect(contextFromHeaders({ authorization: signed('AKIASANDBOXWORK0002').Authorization })).toMatchObject({ accountId: '222222222222' });
    expect(contextFromHeaders({})).toEqual({ accountId: '111111111111', region: 'us-east-1', caller: 'arn:aws:iam::111111111111:user/sandbox' });
    expect(contextFromHeaders({}, { defaultRegion: 'eu-central-1' }).region).toBe('eu-central-1');
    expect(contextFromHeaders({ 'X-Forwarded-For': '203.0.113.7, 10.0.0.1' }).sourceIp).toBe('203.0.113.7');
  });
});
