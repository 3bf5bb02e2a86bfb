// TEMPORARY STUB by the engine author so the engine compiles; the audit helper replaces this whole file.
import type { Ctx, Handler } from '../context.ts';
import type { Framework, ReportJob, ReportPlan } from '../model.ts';
export const auditHandlers: Record<string, Handler> = {};
export function wakeFramework(_c: Ctx, _f: Framework): void {}
export function wakeReportPlan(_c: Ctx, _p: ReportPlan): void {}
export function wakeReportJob(_c: Ctx, _j: ReportJob): void {}
export function evaluateFrameworks(_c: Ctx): void {}
export function startDailyReports(_c: Ctx): void {}
