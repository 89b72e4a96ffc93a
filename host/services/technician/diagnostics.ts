import { stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok } from '../../../kernel/result';
import type { KioskRuntime } from '../../core/kiosk-runtime';
import { enrolledRuntime, isoTime, type TechnicianKit, technicianActor } from './kit';
import { exportLogsAndAudit, recentLogLines } from './logs-export';
import type { TechnicianMethods } from './technician-methods';

type DiagnosticsMethods = Pick<
  TechnicianMethods,
  | 'getDiagnostics'
  | 'syncNow'
  | 'listParked'
  | 'retryParked'
  | 'discardParked'
  | 'getRecentLogLines'
  | 'exportLogs'
>;

function parkedItem(runtime: KioskRuntime, seq: number) {
  const item = runtime.store.outbox.get(seq);
  return item && item.state === 'parked' ? item : null;
}

/** What is wrong and what to do about it: health figures, the outbox's parked items, the logs. */
export function createDiagnosticsMethods(kit: TechnicianKit): DiagnosticsMethods {
  const { context, clock, log, guard } = kit;
  return {
    getDiagnostics: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        const store = runtime?.store ?? null;
        let disk: { freeBytes: number; totalBytes: number } | null = null;
        try {
          const fs = await statfs(context.config.dataDir);
          disk = { freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize };
        } catch {
          disk = null;
        }
        let databaseBytes: number | null = null;
        if (store) {
          databaseBytes = 0;
          for (const path of [store.path, `${store.path}-wal`])
            databaseBytes += await stat(path).then(
              (s) => s.size,
              () => 0,
            );
        }
        const oldest = store?.outbox.stats(clock()).oldestPendingCreatedAtMs ?? null;
        return ok({
          version: context.version,
          mode: context.config.mode,
          kioskCode: runtime?.enrolment.kioskCode ?? null,
          centralUrl: runtime?.enrolment.centralUrl.slice(0, 200) ?? null,
          uptimeSeconds: Math.max(0, Math.round((clock() - context.startedAtMs) / 1000)),
          sync: runtime?.syncStatus() ?? null,
          oldestItemAt: oldest === null ? null : isoTime(oldest),
          disk,
          databaseBytes,
          quarantine: store?.quarantined
            ? {
                at: isoTime(store.quarantined.atMs),
                reason: store.quarantined.reason.slice(0, 500),
                movedTo: store.quarantined.movedTo.slice(0, 500),
              }
            : null,
          startupSweep: store ? { ...store.startupSweep } : null,
        });
      }),

    syncNow: ({ token }) =>
      guard(token, async () => {
        const runtime = enrolledRuntime(kit);
        if (!runtime.ok) return runtime;
        runtime.value.kick();
        kit.audit('sync.now', {});
        return ok({});
      }),

    listParked: ({ token }) =>
      guard(token, async () => {
        const runtime = enrolledRuntime(kit);
        if (!runtime.ok) return runtime;
        const items = runtime.value.store.outbox.listParked().map((item) => ({
          seq: item.seq,
          kind: item.kind,
          attempts: item.attempts,
          reason: item.lastError?.slice(0, 500) ?? null,
          createdAt: isoTime(item.createdAtMs),
        }));
        return ok({ items: items.slice(0, 500) });
      }),

    retryParked: ({ token, seq }) =>
      guard(token, async () => {
        const enrolled = enrolledRuntime(kit);
        if (!enrolled.ok) return enrolled;
        const runtime = enrolled.value;
        const item = parkedItem(runtime, seq);
        if (!item) return err('not_found', `No parked item ${seq}.`);
        runtime.store.transaction(() => {
          runtime.store.outbox.unpark(seq);
          runtime.store.auditLog.append(technicianActor, 'outbox.retry', { seq, kind: item.kind });
        });
        runtime.kick();
        return ok({});
      }),

    discardParked: ({ token, seq }) =>
      guard(token, async () => {
        const enrolled = enrolledRuntime(kit);
        if (!enrolled.ok) return enrolled;
        const runtime = enrolled.value;
        const item = parkedItem(runtime, seq);
        if (!item) return err('not_found', `No parked item ${seq}.`);
        runtime.store.transaction(() => {
          runtime.store.outbox.discard(seq);
          runtime.store.auditLog.append(technicianActor, 'outbox.discard', {
            seq,
            kind: item.kind,
            reason: item.lastError?.slice(0, 200) ?? null,
          });
        });
        return ok({});
      }),

    getRecentLogLines: ({ token, limit }) =>
      guard(token, async () =>
        ok({ lines: await recentLogLines(join(context.config.dataDir, 'logs'), limit) }),
      ),

    exportLogs: ({ token }) =>
      guard(token, async () => {
        const runtime = context.runtime();
        try {
          const written = await exportLogsAndAudit({
            dataDir: context.config.dataDir,
            header: { version: context.version, kioskCode: runtime?.enrolment.kioskCode ?? null },
            audit: runtime?.store.auditLog.recent(100_000) ?? [],
            nowMs: clock(),
          });
          kit.audit('logs.export', { file: written.path, bytes: written.bytes });
          return ok(written);
        } catch (error) {
          log.error({ err: error }, 'log export failed');
          return err(
            'export_failed',
            `The export could not be written: ${(error as Error).message.slice(0, 200)}`,
          );
        }
      }),
  };
}
