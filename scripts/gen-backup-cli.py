#!/usr/bin/env python3
"""Regenerates src/lib/sandbox/cli.generated.ts from the AWS Backup API model.

Usage: python3 scripts/gen-backup-cli.py [path/to/service-2.json[.gz]]

The sandbox's command box reads `aws backup ...` lines the way the AWS CLI
does. For that it needs, per operation the sandbox answers, what the AWS CLI
derives from the model: the command name, a one-line summary, and every input
member as a CLI option (option name, member name, type, required, enum values,
a short description), plus the member types of the input structures so
shorthand values (`DeleteAfterDays=7`) become numbers, booleans and lists
where the model says so. All of that is in botocore's `backup-2018-11-15`
service-2.json; this script copies it into a compact TypeScript table so the
browser build needs no model file.

A one-off tool: CI does not run it, the generated file is committed. Without
an argument it reads the newest model found on this machine (the botocore in
pyenv, which has more operations than the one bundled with the gcloud SDK).
Rerun it when the sandbox gains operations (add them to OPERATIONS below; the
unit tests check that every operation of the engine has a command).
"""

import gzip
import html
import json
import os
import re
import sys

CANDIDATES = [
    '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/botocore/data/backup/2018-11-15/service-2.json.gz',
    '/usr/lib/google-cloud-sdk/lib/third_party/botocore/data/backup/2018-11-15/service-2.json',
]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'lib', 'sandbox', 'cli.generated.ts')

# The operations the sandbox answers: `OPERATIONS` of src/lib/sandbox/engine.ts.
OPERATIONS = [
    'CreateBackupPlan', 'CreateBackupSelection', 'CreateBackupVault', 'CreateFramework', 'CreateReportPlan',
    'DeleteBackupPlan', 'DeleteBackupSelection', 'DeleteBackupVault', 'DeleteBackupVaultAccessPolicy',
    'DeleteBackupVaultLockConfiguration', 'DeleteBackupVaultNotifications', 'DeleteFramework', 'DeleteRecoveryPoint',
    'DeleteReportPlan', 'DescribeBackupJob', 'DescribeBackupVault', 'DescribeCopyJob', 'DescribeFramework',
    'DescribeGlobalSettings', 'DescribeProtectedResource', 'DescribeRecoveryPoint', 'DescribeReportJob',
    'DescribeReportPlan', 'DescribeRestoreJob', 'GetBackupPlan', 'GetBackupSelection', 'GetBackupVaultAccessPolicy',
    'GetBackupVaultNotifications', 'GetSupportedResourceTypes', 'ListBackupJobs', 'ListBackupPlanVersions',
    'ListBackupPlans', 'ListBackupSelections', 'ListBackupVaults', 'ListCopyJobs', 'ListFrameworks',
    'ListProtectedResources', 'ListRecoveryPointsByBackupVault', 'ListRecoveryPointsByResource', 'ListReportJobs',
    'ListReportPlans', 'ListRestoreJobs', 'ListTags', 'PutBackupVaultAccessPolicy', 'PutBackupVaultLockConfiguration',
    'PutBackupVaultNotifications', 'StartBackupJob', 'StartCopyJob', 'StartReportJob', 'StartRestoreJob',
    'StopBackupJob', 'TagResource', 'UntagResource', 'UpdateBackupPlan', 'UpdateFramework', 'UpdateGlobalSettings',
    'UpdateRecoveryPointLifecycle', 'UpdateReportPlan',
]

SCALARS = {'string', 'integer', 'long', 'boolean', 'timestamp', 'double', 'float'}
SUMMARY_MAX = 160
DOC_MAX = 120

# The AWS CLI names commands and options with botocore's `xform_name(name, '-')`:
# these are the same three rules, written out here.
FIRST_CAP = re.compile(r'(.)([A-Z][a-z]+)')
END_CAP = re.compile(r'([a-z0-9])([A-Z])')
PLURAL_ACRONYM = re.compile(r'[A-Z]{2,}s$')


def kebab(name):
    """`ListRecoveryPointsByBackupVault` -> `list-recovery-points-by-backup-vault`, `SNSTopicArn` -> `sns-topic-arn`."""
    special = PLURAL_ACRONYM.search(name)
    if special:
        name = name[: -len(special.group())] + '-' + special.group().lower()
    return END_CAP.sub(r'\1-\2', FIRST_CAP.sub(r'\1-\2', name)).lower()


def load(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8') as f:
        return json.load(f)


def ts(value):
    """A TypeScript string literal (single quotes, JSON escapes)."""
    return "'" + json.dumps(value, ensure_ascii=False)[1:-1].replace("\\\"", '"').replace("'", "\\'") + "'"


ABBREVIATIONS = ('e.g.', 'i.e.', 'etc.', 'vs.', 'approx.')


def first_sentence(doc, limit):
    """The first sentence of the first paragraph of a model doc, HTML stripped, cut to `limit` characters."""
    if not doc:
        return ''
    para = re.search(r'<p>(.*?)</p>', doc, re.S)
    text = para.group(1) if para else doc
    text = html.unescape(re.sub(r'<[^>]+>', '', text))
    text = re.sub(r'\s+', ' ', text).strip()
    end = None
    for m in re.finditer(r'[.!?](?=\s|$)', text):
        before = text[: m.end()].lower()
        if any(before.endswith(a) for a in ABBREVIATIONS):
            continue
        end = m.end()
        break
    if end is not None:
        text = text[:end]
    if len(text) > limit:
        # An example ARN is what usually makes a sentence long: drop it first.
        text = re.sub(r'[;,] for example[,:]? .*$', '.', text)
    if len(text) > limit:
        cut = text[: limit - 1]
        if ' ' in cut:
            cut = cut[: cut.rindex(' ')]
        text = cut.rstrip(' ,;:') + '…'
    return text


def type_ref(shapes, shape_name, structures, where):
    """The type notation of the generated file: a scalar kind, `@Shape`, `T[]` or `{T}` (map of string to T)."""
    shape = shapes[shape_name]
    kind = shape['type']
    if kind in SCALARS:
        return 'double' if kind == 'float' else kind
    if kind == 'list':
        return type_ref(shapes, shape['member']['shape'], structures, where + '[]') + '[]'
    if kind == 'map':
        if shapes[shape['key']['shape']]['type'] != 'string':
            raise SystemExit(f'map with non-string keys in {where}')
        return '{' + type_ref(shapes, shape['value']['shape'], structures, where + '{}') + '}'
    if kind == 'structure':
        if shape.get('document'):
            return 'document'
        if shape_name not in structures:
            structures[shape_name] = None  # reserve the name first: structures may be recursive
            structures[shape_name] = {
                m: type_ref(shapes, member['shape'], structures, f'{where}.{m}')
                for m, member in shape.get('members', {}).items()
            }
        return '@' + shape_name
    raise SystemExit(f'unsupported {kind} in {where}')


def option(shapes, member_name, member, required, structures, where):
    shape = shapes[member['shape']]
    kind = 'long' if shape['type'] == 'long' else shape['type']
    if kind not in ('string', 'integer', 'long', 'boolean', 'timestamp', 'structure', 'list', 'map'):
        raise SystemExit(f'unsupported top-level {kind} in {where}')
    parts = [f"option: {ts('--' + kebab(member_name))}", f"member: {ts(member_name)}", f"kind: {ts(kind)}"]
    enum = shape.get('enum')
    if kind == 'list':
        item_shape = shapes[shape['member']['shape']]
        if item_shape['type'] not in ('string', 'structure'):
            raise SystemExit(f'list of {item_shape["type"]} in {where}')
        parts.append(f"items: {ts(item_shape['type'])}")
        enum = item_shape.get('enum')
    ref = type_ref(shapes, member['shape'], structures, where)
    if ref != kind:
        parts.append(f'type: {ts(ref)}')
    if required:
        parts.append('required: true')
    if enum:
        parts.append('enum: [' + ', '.join(ts(v) for v in enum) + ']')
    doc = first_sentence(member.get('documentation') or shape.get('documentation', ''), DOC_MAX)
    parts.append(f'doc: {ts(doc)}')
    return '      { ' + ', '.join(parts) + ' },'


def command(name, op, shapes, structures):
    summary = first_sentence(op.get('documentation', ''), SUMMARY_MAX)
    head = f"  {{ name: {ts(kebab(name))}, operation: {ts(name)}, summary: {ts(summary)},"
    members = []
    if 'input' in op:
        input_shape = shapes[op['input']['shape']]
        required = set(input_shape.get('required', []))
        for member_name, member in input_shape.get('members', {}).items():
            members.append(option(shapes, member_name, member, member_name in required, structures, f'{name}.{member_name}'))
    if not members:
        return head + ' options: [] },'
    return head + '\n    options: [\n' + '\n'.join(members) + '\n    ] },'


HEADER = """\
/**
 * GENERATED by scripts/gen-backup-cli.py; do not edit by hand (rerun the script).
 *
 * The AWS CLI view of the @COUNT@ AWS Backup operations the sandbox answers,
 * generated from botocore's `backup-2018-11-15` service-2.json: command and
 * option names as the AWS CLI derives them from the model, the first sentence
 * of each documentation string, and the input member types. The command box
 * (`cli.ts`) parses, completes and documents `aws backup ...` lines from this
 * table, so the browser build needs no model file.
 */

/** The type of a top-level input member, as the AWS CLI sees it. */
export type MemberKind = 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'structure' | 'list' | 'map';

/** One input member of an operation, as an AWS CLI option. */
export interface CliOption {
  /** The option, e.g. `--backup-vault-name`. */
  readonly option: string;
  /** The input member (PascalCase), e.g. `BackupVaultName`. */
  readonly member: string;
  readonly kind: MemberKind;
  /** For lists: what the items are. */
  readonly items?: 'string' | 'structure';
  /**
   * The full type where `kind` does not say it all: `@Shape` (a structure of
   * `STRUCTURES`), `T[]` (list of T), `{T}` (map from string to T).
   */
  readonly type?: string;
  readonly required?: true;
  /** Allowed values (of the item, for lists); the AWS CLI does not check them. */
  readonly enum?: readonly string[];
  /** First sentence of the model's documentation. */
  readonly doc: string;
}

/** One AWS CLI command of `aws backup`. */
export interface CliCommand {
  /** The command, e.g. `create-backup-vault`. */
  readonly name: string;
  /** The operation, e.g. `CreateBackupVault`. */
  readonly operation: string;
  /** First sentence of the operation's documentation. */
  readonly summary: string;
  /** Input members in model order. */
  readonly options: readonly CliOption[];
}

"""


def main(argv):
    path = argv[1] if len(argv) > 1 else next((p for p in CANDIDATES if os.path.exists(p)), None)
    if path is None:
        raise SystemExit('no service-2.json found; pass its path')
    model = load(path)
    if model.get('metadata', {}).get('uid') != 'backup-2018-11-15':
        raise SystemExit(f'{path} is not the backup-2018-11-15 model')
    shapes = model['shapes']
    operations = model['operations']
    missing = [o for o in OPERATIONS if o not in operations]
    if missing:
        raise SystemExit(f'not in this model: {", ".join(missing)}')
    names = [kebab(o) for o in OPERATIONS]
    if len(set(names)) != len(names):
        raise SystemExit('two operations map to one command name')
    structures = {}
    body = [command(name, operations[name], shapes, structures) for name in sorted(OPERATIONS, key=kebab)]
    others = sorted(kebab(o) for o in operations if o not in OPERATIONS)
    struct_lines = [
        f'  {name}: {{ ' + ', '.join(f'{m}: {ts(t)}' for m, t in members.items()) + ' },'
        for name, members in sorted(structures.items())
    ]
    text = (
        HEADER.replace('@COUNT@', str(len(OPERATIONS)))
        + '/** Every command the sandbox answers, sorted by name. */\n'
        + 'export const CLI_COMMANDS: readonly CliCommand[] = [\n'
        + '\n'.join(body)
        + '\n];\n\n'
        + '/** Member types of the input structures (same notation as `CliOption.type`), for shorthand values. */\n'
        + 'export const STRUCTURES: Readonly<Record<string, Readonly<Record<string, string>>>> = {\n'
        + '\n'.join(struct_lines)
        + '\n};\n\n'
        + f'/** The other {len(others)} `aws backup` commands of the model, which the sandbox does not simulate. */\n'
        + 'export const OTHER_COMMANDS: readonly string[] = [\n'
        + '\n'.join('  ' + ', '.join(ts(o) for o in others[i : i + 4]) + ',' for i in range(0, len(others), 4))
        + '\n];\n'
    )
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write(text)
    print(f'wrote {len(OPERATIONS)} commands and {len(structures)} structures from {path} to {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main(sys.argv)
