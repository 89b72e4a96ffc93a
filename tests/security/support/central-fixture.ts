/**
 * A reference central server on loopback, seeded with the test hall, and the raw HTTP an attacker on
 * the same machine would send: no client library in the way, so each refusal is the server's.
 */

import { seedCatalogue } from '../../../sync/central/seed';
import type { RunningCentralServer } from '../../../sync/central/server';
import { startCentralServer } from '../../../sync/central/server';
import type { SubmissionPayload } from '../../../sync/protocol/central-api';
import { emptyProfile, type Profile } from '../../../sync/protocol/profile';
import { enrolledClient, keyedHashOf, tempDir } from '../../sync/support/kiosk-harness';
import { testCatalogue } from '../../sync/support/test-hall';

export { keyedHashOf, tempDir };

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are inspected loosely by the attack tests
  body: any;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function startTestCentral(
  label: string,
  options: Partial<Parameters<typeof startCentralServer>[0]> = {},
): Promise<TestCentral> {
  const dataDir = tempDir(label);
  const server = await startCentralServer({ port: 0, dataDir, ...options });
  await seedCatalogue(server.storage, testCatalogue);
  return Object.assign(server, { dataDir });
}

export type TestCentral = RunningCentralServer & { dataDir: string };

export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const answer = await call(baseUrl, 'POST', '/v1/staff/session', { body: { username, password } });
  if (answer.status !== 201) throw new Error(`sign-in of ${username}: ${answer.status}`);
  return answer.body.token as string;
}

/** Signs the demo admin in and creates an account with `role`; answers its session token. */
export async function staffWithRole(
  server: RunningCentralServer,
  username: string,
  role: 'window_staff' | 'hall_admin' | 'supervisor',
): Promise<string> {
  const admin = await signIn(server.url, 'admin', server.adminSecret ?? '');
  const password = `${username}-password-long-enough`;
  const created = await call(server.url, 'POST', '/v1/admin/staff-accounts', {
    token: admin,
    body: { username, password, role },
  });
  if (created.status !== 201) throw new Error(`account ${username}: ${created.status}`);
  return signIn(server.url, username, password);
}

export async function enrolKiosk(server: RunningCentralServer, name: string) {
  const { client, enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode(), name);
  return { client, kioskCode: enrolment.kioskCode, credential: enrolment.credential };
}

export function profileWith(changes: Partial<Profile>): Profile {
  const at = '2026-03-01T09:00:00+08:00';
  return { ...emptyProfile({ storeProfile: true, keepMaterials: false, consentedAt: at }, at), ...changes };
}

/** A submission the central numbers the ticket for (no block needed). */
export function submission(caseNumber: string, applicant: string, profile?: Profile): SubmissionPayload {
  return {
    caseNumber,
    itemId: 'business-licence',
    departmentId: 'market',
    queueId: 'market-general',
    ticket: null,
    applicant: { keyedHash: applicant, priorityReasons: [] },
    formValues: {},
    materials: [],
    consentToStore: profile !== undefined,
    ...(profile ? { profile } : {}),
    submittedAtMs: 1,
  };
}
