/**
 * The command box's reading of `aws backup ...` lines: shell words, option
 * values typed by the model, the AWS CLI's refusals, output and error text,
 * help and completion, and whole lines run against the engine.
 */
import { describe, expect, it } from 'vitest';
import {
  CliError,
  applyQuery,
  complete,
  execute,
  findCommand,
  formatError,
  formatOutput,
  helpFor,
  helpTarget,
  parseCommand,
  parseTimestamp,
  tokenize,
} from '../../../src/lib/sandbox/cli.ts';
import { CLI_COMMANDS, OTHER_COMMANDS, STRUCTURES } from '../../../src/lib/sandbox/cli.generated.ts';
import { OPERATIONS } from '../../../src/lib/sandbox/engine.ts';
import { fresh, refusal, WORK } from './helpers.ts';

/** The CliError a line is refused with. */
function cliRefusal(fn: () => unknown): CliError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error('expected a CliError, but the line was accepted');
}

describe('tokenize', () => {
  it('splits on whitespace and keeps quoted text whole', () => {
    expect(tokenize('  aws   backup\tlist-backup-vaults  ')).toEqual(['aws', 'backup', 'list-backup-vaults']);
    expect(tokenize(`--name 'two words' "and three words"`)).toEqual(['--name', 'two words', 'and three words']);
    expect(tokenize(`a'b'"c"d`)).toEqual(['abcd']);
    expect(tokenize(`--x '' ""`)).toEqual(['--x', '', '']);
  });

  it('applies backslash escapes as a shell does', () => {
    expect(tokenize('one\\ word')).toEqual(['one word']);
    expect(tokenize('"say \\"hi\\" \\\\ \\n"')).toEqual(['say "hi" \\ \\n']);
    expect(tokenize("'single \\ keeps backslashes'")).toEqual(['single \\ keeps backslashes']);
    expect(tokenize('aws backup \\\nlist-backup-vaults')).toEqual(['aws', 'backup', 'list-backup-vaults']);
  });

  it('keeps JSON in quotes as one word', () => {
    const json = '{"BackupPlanName":"x","Rules":[{"RuleName":"daily rule","TargetBackupVaultName":"Default"}]}';
    expect(tokenize(`aws backup create-backup-plan --backup-plan '${json}'`)).toEqual(['aws', 'backup', 'create-backup-plan', '--backup-plan', json]);
    expect(tokenize('--tags "{\\"team\\": \\"ops\\"}"')).toEqual(['--tags', '{"team": "ops"}']);
  });

  it('refuses an unclosed quote', () => {
    expect(cliRefusal(() => tokenize("--name 'open")).message).toMatch(/single quote/);
    expect(cliRefusal(() => tokenize('--name "open')).message).toMatch(/double quote/);
  });
});

describe('parseCommand', () => {
  it('reads create-backup-vault with tags as shorthand or JSON', () => {
    const a = parseCommand('aws backup create-backup-vault --backup-vault-name prod --backup-vault-tags team=ops,env=dev');
    expect(a).toEqual({
      operation: 'CreateBackupVault',
      command: 'create-backup-vault',
      input: { BackupVaultName: 'prod', BackupVaultTags: { team: 'ops', env: 'dev' } },
      output: 'json',
    });
    const b = parseCommand(`aws backup create-backup-vault --backup-vault-tags '{"team": "ops", "env": "dev"}' --backup-vault-name prod`);
    expect(b.input).toEqual(a.input);
    // `--option=value` works as well, and so does a line without "aws backup".
    expect(parseCommand('create-backup-vault --backup-vault-name=prod').input).toEqual({ BackupVaultName: 'prod' });
  });

  it('reads create-backup-plan with the plan as JSON on the line, and refuses files', () => {
    const plan = {
      BackupPlanName: 'daily',
      Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }],
    };
    const p = parseCommand(`aws backup create-backup-plan --backup-plan '${JSON.stringify(plan)}'`);
    expect(p.operation).toBe('CreateBackupPlan');
    expect(p.input).toEqual({ BackupPlan: plan });
    // The shorthand with nested lists and structures gives the same, numbers typed by the model.
    const s = parseCommand(
      `aws backup create-backup-plan --backup-plan 'BackupPlanName=daily,Rules=[{RuleName=daily,TargetBackupVaultName=Default,ScheduleExpression="cron(0 5 ? * * *)",Lifecycle={DeleteAfterDays=35}}]'`,
    );
    expect(s.input).toEqual({ BackupPlan: plan });
    expect(cliRefusal(() => parseCommand('aws backup create-backup-plan --backup-plan file://plan.json')).message).toBe(
      "Error parsing parameter '--backup-plan': file:// values are not supported in the sandbox (there are no files): paste the value itself",
    );
    const bad = cliRefusal(() => parseCommand(`aws backup create-backup-plan --backup-plan '{"BackupPlanName":'`)).message;
    expect(bad).toMatch(/^Error parsing parameter '--backup-plan': Invalid JSON: /);
    expect(bad).toContain('JSON received: {"BackupPlanName":');
    const unknown = cliRefusal(() => parseCommand(`aws backup create-backup-plan --backup-plan '{"BackupPlanName":"x","Rules":[{"RuleNme":"r"}]}'`));
    expect(unknown.message).toBe(
      `Parameter validation failed:\nUnknown parameter in BackupPlan.Rules[0]: "RuleNme", must be one of: ${Object.keys(STRUCTURES.BackupRuleInput!).join(', ')}`,
    );
  });

  it('reads integers for put-backup-vault-lock-configuration and refuses bad ones', () => {
    const p = parseCommand('aws backup put-backup-vault-lock-configuration --backup-vault-name v --min-retention-days 7 --max-retention-days 3650 --changeable-for-days 3');
    expect(p.input).toEqual({ BackupVaultName: 'v', MinRetentionDays: 7, MaxRetentionDays: 3650, ChangeableForDays: 3 });
    expect(cliRefusal(() => parseCommand('aws backup put-backup-vault-lock-configuration --backup-vault-name v --min-retention-days seven')).message).toBe(
      "aws: error: argument --min-retention-days: invalid int value: 'seven'",
    );
    expect(cliRefusal(() => parseCommand('aws backup list-backup-vaults --max-results 2.5')).message).toBe("aws: error: argument --max-results: invalid int value: '2.5'");
  });

  it('reads a list of enum values as separate words or a JSON array, without checking the values', () => {
    const line = 'aws backup put-backup-vault-notifications --backup-vault-name v --backup-vault-events BACKUP_JOB_STARTED BACKUP_JOB_COMPLETED --sns-topic-arn arn:aws:sns:us-east-1:222222222222:t';
    expect(parseCommand(line).input).toEqual({
      BackupVaultName: 'v',
      BackupVaultEvents: ['BACKUP_JOB_STARTED', 'BACKUP_JOB_COMPLETED'],
      SNSTopicArn: 'arn:aws:sns:us-east-1:222222222222:t',
    });
    const json = parseCommand(`aws backup put-backup-vault-notifications --backup-vault-name v --sns-topic-arn t --backup-vault-events '["BACKUP_JOB_FAILED"]'`);
    expect(json.input.BackupVaultEvents).toEqual(['BACKUP_JOB_FAILED']);
    // The AWS CLI leaves enum values to the service.
    expect(parseCommand('aws backup put-backup-vault-notifications --backup-vault-name v --sns-topic-arn t --backup-vault-events NOPE').input.BackupVaultEvents).toEqual(['NOPE']);
    expect(cliRefusal(() => parseCommand('aws backup put-backup-vault-notifications --backup-vault-name v --sns-topic-arn t --backup-vault-events')).message).toBe(
      'aws: error: argument --backup-vault-events: expected at least one argument',
    );
  });

  it('reads a lifecycle as shorthand, typed by the model, and names shorthand mistakes', () => {
    const base = 'aws backup start-backup-job --backup-vault-name v --resource-arn arn:aws:ec2:us-east-1:222222222222:volume/vol-1 --iam-role-arn r';
    expect(parseCommand(`${base} --lifecycle DeleteAfterDays=7`).input.Lifecycle).toEqual({ DeleteAfterDays: 7 });
    expect(parseCommand(`${base} --lifecycle MoveToColdStorageAfterDays=30,DeleteAfterDays=120,OptInToArchiveForSupportedResources=true`).input.Lifecycle).toEqual({
      MoveToColdStorageAfterDays: 30,
      DeleteAfterDays: 120,
      OptInToArchiveForSupportedResources: true,
    });
    expect(cliRefusal(() => parseCommand(`${base} --lifecycle DeleteAfterDays`)).message).toBe(
      "Error parsing parameter '--lifecycle': Expected: '=', received: 'EOF' for input:\nDeleteAfterDays\n               ^",
    );
    expect(cliRefusal(() => parseCommand(`${base} --lifecycle DeleteAfterDays=week`)).message).toBe(
      "Error parsing parameter '--lifecycle': Lifecycle.DeleteAfterDays must be an integer, received: 'week'",
    );
    expect(cliRefusal(() => parseCommand(`${base} --lifecycle DeleteAfterDays=1,DeleteAfterDays=2`)).message).toMatch(/Second instance of key "DeleteAfterDays"/);
    // A bare `Key=a,b` is a list where the model has one.
    const report = parseCommand('aws backup create-report-plan --report-plan-name r --report-delivery-channel S3BucketName=b,Formats=CSV,JSON --report-setting ReportTemplate=BACKUP_JOB_REPORT');
    expect(report.input.ReportDeliveryChannel).toEqual({ S3BucketName: 'b', Formats: ['CSV', 'JSON'] });
  });

  it('reads timestamps as ISO 8601 or epoch seconds, in UTC', () => {
    const p = parseCommand('aws backup list-backup-jobs --by-created-before 2026-01-02T00:00:00Z --by-created-after 1767225600');
    expect(p.input.ByCreatedBefore).toBeInstanceOf(Date);
    expect((p.input.ByCreatedBefore as Date).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect((p.input.ByCreatedAfter as Date).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseTimestamp('2026-01-02')?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(parseTimestamp('2026-01-02T10:30:00')?.toISOString()).toBe('2026-01-02T10:30:00.000Z');
    expect(parseTimestamp('2026-01-02T10:30:00.25+02:00')?.toISOString()).toBe('2026-01-02T08:30:00.250Z');
    expect(parseTimestamp('2026-02-30')).toBeUndefined();
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(cliRefusal(() => parseCommand('aws backup list-backup-jobs --by-created-before yesterday')).message).toMatch(
      /^Parameter validation failed:\nInvalid timestamp for parameter ByCreatedBefore, value: yesterday/,
    );
  });

  it('reads the global options anywhere, and refuses what the sandbox cannot do', () => {
    const p = parseCommand('aws --region eu-west-1 backup list-backup-vaults --output text --profile dev --no-cli-pager --endpoint-url http://localhost:4000');
    expect(p).toEqual({ operation: 'ListBackupVaults', command: 'list-backup-vaults', input: {}, region: 'eu-west-1', output: 'text' });
    expect(parseCommand('aws backup list-backup-vaults --region eu-west-1').region).toBe('eu-west-1');
    expect(parseCommand('aws backup list-backup-vaults --query BackupVaultList[].BackupVaultName').query).toBe('BackupVaultList[].BackupVaultName');
    expect(cliRefusal(() => parseCommand('aws backup list-backup-vaults --output table')).message).toBe(
      'aws: error: --output table is not supported in the sandbox: use --output json or --output text',
    );
    expect(cliRefusal(() => parseCommand('aws backup list-backup-vaults --query "sort_by(BackupVaultList, &CreationDate)"')).message).toMatch(
      /^Bad value for --query .*JMESPath subset/,
    );
    expect(cliRefusal(() => parseCommand('aws backup list-backup-vaults --region')).message).toBe('aws: error: argument --region: expected one argument');
    expect(cliRefusal(() => parseCommand('aws s3 ls')).message).toMatch(/simulates AWS Backup only/);
  });

  it('merges --cli-input-json under the options of the line', () => {
    const p = parseCommand(`aws backup create-backup-vault --cli-input-json '{"BackupVaultName":"a","BackupVaultTags":{"k":"v"}}' --backup-vault-name b`);
    expect(p.input).toEqual({ BackupVaultName: 'b', BackupVaultTags: { k: 'v' } });
    // Required members may come from the JSON alone.
    expect(parseCommand(`aws backup describe-backup-vault --cli-input-json '{"BackupVaultName":"a"}'`).input).toEqual({ BackupVaultName: 'a' });
    expect(cliRefusal(() => parseCommand(`aws backup describe-backup-vault --cli-input-json '{"VaultName":"a"}'`)).message).toBe(
      'Parameter validation failed:\nUnknown parameter in input: "VaultName", must be one of: BackupVaultName, BackupVaultAccountId',
    );
  });

  it('makes boolean members flags', () => {
    expect(parseCommand('aws backup list-backup-plans --include-deleted').input).toEqual({ IncludeDeleted: true });
    expect(parseCommand('aws backup list-backup-plans --no-include-deleted').input).toEqual({ IncludeDeleted: false });
    expect(cliRefusal(() => parseCommand('aws backup list-backup-plans --include-deleted yes')).message).toBe('Unknown options: yes');
    expect(cliRefusal(() => parseCommand('aws backup list-backup-plans --include-deleted=true')).message).toBe(
      "aws: error: argument --include-deleted: ignored explicit argument 'true'",
    );
  });

  it('lists the missing required options, as the AWS CLI does', () => {
    expect(cliRefusal(() => parseCommand('aws backup create-backup-vault')).message).toBe('aws: error: the following arguments are required: --backup-vault-name');
    expect(cliRefusal(() => parseCommand('aws backup start-backup-job --resource-arn x')).message).toBe(
      'aws: error: the following arguments are required: --backup-vault-name, --iam-role-arn',
    );
    expect(cliRefusal(() => parseCommand('aws backup')).message).toBe('aws: error: the following arguments are required: operation');
    expect(cliRefusal(() => parseCommand('aws backup create-backup-vault --backup-vault-name')).message).toBe(
      'aws: error: argument --backup-vault-name: expected one argument',
    );
  });

  it('suggests the closest command for an unknown one', () => {
    expect(cliRefusal(() => parseCommand('aws backup create-vault --backup-vault-name x')).message).toBe(
      "aws: error: argument operation: Invalid choice: 'create-vault', maybe you meant: create-backup-vault",
    );
    expect(cliRefusal(() => parseCommand('aws backup describe-backup-vaults')).message).toMatch(/maybe you meant: describe-backup-vault\b/);
    expect(cliRefusal(() => parseCommand('aws backup frobnicate')).message).toMatch(/Invalid choice: 'frobnicate'; run "aws backup help"/);
    // A real AWS Backup command that the sandbox does not simulate says so.
    expect(cliRefusal(() => parseCommand('aws backup create-legal-hold')).message).toMatch(/create-legal-hold is an AWS Backup command that the sandbox does not simulate/);
  });

  it('names unknown options and stray words', () => {
    expect(cliRefusal(() => parseCommand('aws backup create-backup-vault --backup-vault-name x --foo 1 --bar')).message).toBe('Unknown options: --foo, 1, --bar');
  });
});

describe('output and errors', () => {
  it('prints JSON as AWS CLI v2 does: 4 spaces, ISO 8601 timestamps with +00:00', () => {
    const out = { Name: 'v', CreationDate: new Date(Date.UTC(2026, 0, 1, 5, 0, 0)), Done: new Date(Date.UTC(2026, 0, 1, 5, 12, 3, 456)), List: [], Obj: {}, Skip: undefined };
    expect(formatOutput(out)).toBe(
      [
        '{',
        '    "Name": "v",',
        '    "CreationDate": "2026-01-01T05:00:00+00:00",',
        '    "Done": "2026-01-01T05:12:03.456000+00:00",',
        '    "List": [],',
        '    "Obj": {}',
        '}',
      ].join('\n'),
    );
    expect(formatOutput({})).toBe('');
    expect(formatOutput(undefined)).toBe('');
    expect(formatOutput(['a', 'b'])).toBe('[\n    "a",\n    "b"\n]');
  });

  it('prints text output as the AWS CLI does', () => {
    const out = {
      BackupVaultList: [
        { BackupVaultName: 'b', Locked: false, NumberOfRecoveryPoints: 2 },
        { BackupVaultName: 'a', Locked: true, NumberOfRecoveryPoints: 0 },
      ],
      NextToken: 'x',
    };
    expect(formatOutput(out, 'text')).toBe('x\nBACKUPVAULTLIST\tb\tFalse\t2\nBACKUPVAULTLIST\ta\tTrue\t0');
    expect(formatOutput({ ResourceTypes: ['EBS', 'EFS'] }, 'text')).toBe('RESOURCETYPES\tEBS\nRESOURCETYPES\tEFS');
    expect(formatOutput(['a', 'b'], 'text')).toBe('a\tb');
  });

  it('runs the --query subset', () => {
    const out = {
      BackupVaultList: [
        { BackupVaultName: 'Default', NumberOfRecoveryPoints: 3, CreationDate: new Date(Date.UTC(2026, 0, 1)) },
        { BackupVaultName: 'prod', NumberOfRecoveryPoints: 0, CreationDate: new Date(Date.UTC(2026, 0, 2)) },
      ],
    };
    expect(applyQuery(out, 'BackupVaultList[].BackupVaultName')).toEqual(['Default', 'prod']);
    expect(applyQuery(out, 'BackupVaultList[*].BackupVaultName')).toEqual(['Default', 'prod']);
    expect(applyQuery(out, 'BackupVaultList[0].CreationDate')).toBe('2026-01-01T00:00:00+00:00');
    expect(applyQuery(out, 'BackupVaultList[-1].BackupVaultName')).toBe('prod');
    expect(applyQuery(out, "BackupVaultList[?BackupVaultName=='prod'].NumberOfRecoveryPoints")).toEqual([0]);
    expect(applyQuery(out, 'BackupVaultList[?NumberOfRecoveryPoints > `0`].BackupVaultName')).toEqual(['Default']);
    expect(applyQuery(out, 'BackupVaultList[].[BackupVaultName, NumberOfRecoveryPoints]')).toEqual([
      ['Default', 3],
      ['prod', 0],
    ]);
    expect(applyQuery(out, 'BackupVaultList[].{Name: BackupVaultName}')).toEqual([{ Name: 'Default' }, { Name: 'prod' }]);
    expect(applyQuery(out, 'Missing[].X')).toBeNull();
    expect(applyQuery({ A: [{ B: [1, 2] }, { B: [3] }] }, 'A[].B[]')).toEqual([1, 2, 3]);
    expect(applyQuery(out, "BackupVaultList[?BackupVaultName!='Default'] | [0].BackupVaultName")).toBe('prod');
  });

  it('prints a refusal as the AWS CLI does', () => {
    expect(formatError({ name: 'ResourceNotFoundException', message: 'Backup vault x does not exist' }, 'DescribeBackupVault')).toBe(
      'An error occurred (ResourceNotFoundException) when calling the DescribeBackupVault operation: Backup vault x does not exist',
    );
  });
});

describe('end to end against the engine', () => {
  it('creates, describes and fails to delete the Default vault, as the AWS CLI would print it', () => {
    const sb = fresh();
    const run = (line: string) => {
      const p = parseCommand(line);
      return formatOutput(sb.call(p.operation, p.input, { ...WORK, ...(p.region ? { region: p.region } : {}) }), p.output);
    };
    const created = JSON.parse(run('aws backup create-backup-vault --backup-vault-name prod --backup-vault-tags team=ops')) as Record<string, string>;
    expect(created.BackupVaultArn).toBe('arn:aws:backup:us-east-1:222222222222:backup-vault:prod');
    expect(created.CreationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);

    const described = run('aws backup describe-backup-vault --backup-vault-name prod');
    expect(described).toMatch(/^\{\n {4}"BackupVaultName": "prod",\n/);
    expect(described).toMatch(/\n {4}"CreationDate": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00",?\n/);
    expect(described).toContain('"NumberOfRecoveryPoints": 0');
    expect(JSON.parse(run('aws backup list-tags --resource-arn arn:aws:backup:us-east-1:222222222222:backup-vault:prod'))).toEqual({ Tags: { team: 'ops' } });

    const p = parseCommand('aws backup delete-backup-vault --backup-vault-name Default');
    const e = refusal(() => sb.call(p.operation, p.input, WORK));
    expect(formatError(e, p.operation)).toBe(
      'An error occurred (InvalidRequestException) when calling the DeleteBackupVault operation: Backup vault Default cannot be deleted: it is the AWS Backup default vault',
    );
    // Deleting an empty vault prints nothing.
    expect(run('aws backup delete-backup-vault --backup-vault-name prod')).toBe('');
  });

  it('runs whole lines with execute: help, refusals, --region and --query', () => {
    const sb = fresh();
    const created = execute(sb, 'aws backup create-backup-vault --backup-vault-name west --region eu-west-1', WORK);
    expect(created.kind).toBe('output');
    expect(created.operation).toBe('CreateBackupVault');
    expect(created.output?.BackupVaultArn).toBe('arn:aws:backup:eu-west-1:222222222222:backup-vault:west');
    const names = (region: string) => execute(sb, `aws backup list-backup-vaults --region ${region} --query BackupVaultList[].BackupVaultName --output text`, WORK).text;
    expect(names('eu-west-1').split('\t')).toContain('west');
    expect(names('us-east-1').split('\t')).not.toContain('west');

    const refused = execute(sb, 'aws backup delete-backup-vault --backup-vault-name Default', WORK);
    expect(refused.kind).toBe('error');
    expect(refused.error?.rule?.id).toBe('vault.delete-default');
    expect(refused.text).toMatch(/^An error occurred \(InvalidRequestException\) when calling the DeleteBackupVault operation: /);

    expect(execute(sb, 'aws backup create-vault', WORK)).toEqual({ kind: 'error', text: "aws: error: argument operation: Invalid choice: 'create-vault', maybe you meant: create-backup-vault" });
    const help = execute(sb, 'aws backup create-backup-vault help', WORK);
    expect(help.kind).toBe('help');
    expect(help.text).toContain('--backup-vault-name (string) [required]');
    // A value that happens to be "help" is a value.
    expect(execute(sb, 'aws backup create-backup-vault --backup-vault-name help', WORK).kind).toBe('output');
  });
});

describe('the command table', () => {
  it('has a command for every operation of the engine, and no other', () => {
    const operations = CLI_COMMANDS.map((c) => c.operation);
    for (const op of OPERATIONS) expect(operations, op).toContain(op);
    expect([...operations].sort()).toEqual([...OPERATIONS].sort());
    for (const c of CLI_COMMANDS) {
      expect(findCommand(c.name)).toBe(c);
      expect(OTHER_COMMANDS).not.toContain(c.name);
    }
  });

  it('names commands and options as the AWS CLI does', () => {
    expect(findCommand('ListRecoveryPointsByBackupVault')?.name).toBe('list-recovery-points-by-backup-vault');
    expect(findCommand('DescribeGlobalSettings')?.name).toBe('describe-global-settings');
    const options = (name: string) => findCommand(name)!.options.map((o) => o.option);
    expect(options('put-backup-vault-notifications')).toEqual(['--backup-vault-name', '--sns-topic-arn', '--backup-vault-events']);
    expect(options('start-backup-job')).toContain('--iam-role-arn');
    expect(options('list-backup-jobs')).toContain('--by-created-before');
    expect(options('list-recovery-points-by-resource')).toContain('--managed-by-aws-backup-only');
    const events = findCommand('put-backup-vault-notifications')!.options[2]!;
    expect(events).toMatchObject({ member: 'BackupVaultEvents', kind: 'list', items: 'string', required: true });
    expect(events.enum).toContain('BACKUP_JOB_COMPLETED');
    for (const c of CLI_COMMANDS) {
      expect(c.summary.length, c.name).toBeLessThanOrEqual(160);
      expect(c.summary, c.name).not.toMatch(/[<>]/);
      for (const o of c.options) expect(o.doc.length, `${c.name} ${o.option}`).toBeLessThanOrEqual(120);
    }
  });
});

describe('help', () => {
  it('lists every command with its summary', () => {
    const text = helpFor();
    for (const c of CLI_COMMANDS) expect(text).toContain(c.name);
    expect(text).toContain('Creates a logical container where backups are stored.');
  });

  it('documents a command: summary, required options first, types, enum values', () => {
    const text = helpFor('create-backup-vault');
    expect(text).toContain('Creates a logical container where backups are stored.');
    expect(text).toContain('--backup-vault-name (string) [required]');
    expect(text).toContain('--backup-vault-tags (map)');
    expect(text).toContain('Shorthand: KeyName1=string,KeyName2=string');
    const jobs = helpFor('start-backup-job');
    expect(jobs.indexOf('--iam-role-arn (string) [required]')).toBeLessThan(jobs.indexOf('--idempotency-token (string)'));
    expect(jobs).toContain('Values: ENABLED | DISABLED');
    expect(jobs).toContain('"DeleteAfterDays": long');
    expect(helpFor('list-backup-plans')).toContain('[--include-deleted | --no-include-deleted]');
    expect(helpFor('PutBackupVaultNotifications')).toContain('--backup-vault-events (list of string) [required]');
    expect(cliRefusal(() => helpFor('create-vault')).message).toMatch(/maybe you meant: create-backup-vault/);
  });

  it('recognises help lines', () => {
    expect(helpTarget('aws help')).toEqual({});
    expect(helpTarget('aws backup help')).toEqual({});
    expect(helpTarget('aws backup create-backup-vault help')).toEqual({ command: 'create-backup-vault' });
    expect(helpTarget('create-backup-vault --help')).toEqual({ command: 'create-backup-vault' });
    expect(helpTarget('aws backup create-backup-vault --backup-vault-name help')).toBeUndefined();
    expect(helpTarget('aws backup list-backup-vaults')).toBeUndefined();
  });
});

describe('complete', () => {
  it('completes commands after "aws backup "', () => {
    const line = 'aws backup create-b';
    const c = complete(line);
    expect(c.replaceFrom).toBe('aws backup '.length);
    expect(c.candidates).toEqual(expect.arrayContaining(['create-backup-vault', 'create-backup-plan', 'create-backup-selection']));
    expect(c.candidates.every((x) => x.startsWith('create-b'))).toBe(true);
    expect(complete('aws b')).toEqual({ replaceFrom: 4, candidates: ['backup'] });
    expect(complete('')).toEqual({ replaceFrom: 0, candidates: ['aws'] });
  });

  it('completes options: unused first, required first', () => {
    const line = 'aws backup create-backup-vault --';
    const c = complete(line);
    expect(c.replaceFrom).toBe(line.length - 2);
    expect(c.candidates[0]).toBe('--backup-vault-name');
    expect(c.candidates).toContain('--backup-vault-tags');
    expect(c.candidates).toContain('--region');
    const after = complete('aws backup start-backup-job --backup-vault-name v ').candidates;
    expect(after.slice(0, 2)).toEqual(['--resource-arn', '--iam-role-arn']);
    expect(after.indexOf('--backup-vault-name')).toBe(after.length - 1);
    expect(complete('aws backup list-backup-plans --inc').candidates).toEqual(['--include-deleted']);
  });

  it('completes enum values of the option being given', () => {
    const line = 'aws backup put-backup-vault-notifications --backup-vault-events BACKUP_JOB_S';
    const c = complete(line);
    expect(c.replaceFrom).toBe(line.length - 'BACKUP_JOB_S'.length);
    expect(c.candidates).toEqual(['BACKUP_JOB_STARTED', 'BACKUP_JOB_SUCCESSFUL']);
    // A second value of the list: those already given are not offered again.
    const more = complete('aws backup put-backup-vault-notifications --backup-vault-events BACKUP_JOB_STARTED BACKUP_JOB_').candidates;
    expect(more).not.toContain('BACKUP_JOB_STARTED');
    expect(more).toContain('BACKUP_JOB_FAILED');
    expect(complete('aws backup list-backup-jobs --by-state run').candidates).toEqual(['RUNNING']);
    expect(complete('aws backup list-backup-jobs --output ').candidates).toEqual(['json', 'text']);
    // A free-text value has nothing to offer.
    expect(complete('aws backup create-backup-vault --backup-vault-name ').candidates).toEqual([]);
  });
});
