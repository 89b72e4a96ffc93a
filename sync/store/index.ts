export type { KeyProvider, SafeStorageFunctions } from './crypto/key-provider';
export { FileKeyProvider, SafeStorageKeyProvider } from './crypto/key-provider';
export * from './errors';
export type { OpenKioskDatabaseOptions, QuarantineReport } from './kiosk-database';
export { KioskDatabase, openKioskDatabase } from './kiosk-database';
export type { MaterialBytes, StagedMaterial } from './material-blobs';
export { MaterialBlobStore } from './material-blobs';
export type { PurgeResult, RetentionPolicy, SweepResult } from './retention';
export { defaultRetentionPolicy, localServiceDate, RetentionService } from './retention';
export type { AppointmentStatus, CachedAppointment } from './tables/appointments';
export type { AuditEntry } from './tables/audit-log';
export type { CatalogueEntry } from './tables/catalogue';
export type { OutboxEnqueue, OutboxItem, OutboxKind, OutboxState, OutboxStats } from './tables/outbox';
export { OutboxTable } from './tables/outbox';
export type { ArchivedMaterial } from './tables/person-materials';
export type { PrintedReceiptSummary, ReceiptStatus } from './tables/printed-receipts';
export type { Rating, RatingGrade } from './tables/ratings';
export type {
  CommittedSubmission,
  StoredSubmission,
  SubmissionCommit,
  SubmissionMaterialInput,
  SubmissionState,
} from './tables/submissions';
export { SubmissionsTable } from './tables/submissions';
export type { IssuedTicket, TicketBlock, UnreportedTicket } from './tables/ticket-blocks';
export { TicketBlocksTable } from './tables/ticket-blocks';
