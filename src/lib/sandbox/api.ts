/**
 * The shape of a call into the sandbox: an AWS Backup operation name, its
 * input with AWS's PascalCase members, and who is calling from where. The REST
 * router, the SDK test handler, the console and the labs all come through here.
 *
 * Timestamps are `Date` objects both ways; the REST router converts them to
 * and from the wire format (epoch seconds in JSON bodies, ISO 8601 in query
 * strings).
 */

/** Who calls and where: the account and Region of the caller. */
export interface CallContext {
  /** 12-digit account id; the organization's default account when absent. */
  accountId?: string;
  /** Region code such as `us-east-1`; the sandbox's default Region when absent. */
  region?: string;
  /** Principal ARN recorded in the API activity log. */
  caller?: string;
  /** Source address recorded in the API activity log. */
  sourceIp?: string;
}

export type ApiInput = Record<string, unknown>;
export type ApiOutput = Record<string, unknown>;

/** Anything that answers AWS Backup operations (the engine, or a fake in tests). */
export interface BackupApi {
  /** Runs one operation; throws `BackupError` when AWS would refuse it. */
  call(operation: string, input: ApiInput, context?: CallContext): ApiOutput;
}

/**
 * What the REST router and the local server need beyond the AWS operations:
 * the clock and the read-only views of what other AWS services would show
 * (the resource inventory, EventBridge events, SNS messages, CloudWatch
 * datapoints), and the state as versioned JSON.
 */
export interface SandboxHost extends BackupApi {
  /** The simulated time. */
  now(): Date;
  /** Moves the clock forward, running everything due meanwhile; returns the new time. */
  advance(seconds: number): Date;
  /** The inventory: ARN, type, size, tags, account, Region of every resource. */
  resources(): unknown[];
  /** EventBridge events emitted so far (oldest first). */
  events(): unknown[];
  /** SNS messages delivered for subscribed vault events (oldest first). */
  notifications(): unknown[];
  /** CloudWatch datapoints of the `AWS/Backup` namespace (oldest first). */
  metrics(): unknown[];
  /** The API activity log, like CloudTrail (oldest first). */
  activity(): unknown[];
  /** The whole state as versioned JSON. */
  toJSON(): unknown;
}
