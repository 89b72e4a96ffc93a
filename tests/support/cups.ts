import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cEnv = { ...process.env, LANG: 'C', LC_ALL: 'C' };

/** A CUPS scheduler with a cups-pdf queue (Debian packages cups, printer-driver-cups-pdf). */
export interface CupsPdfQueue {
  readonly queue: string;
  /** Where cups-pdf writes the jobs of this process's user. */
  readonly outputDir: string;
  /** Stops cupsd if this helper started it (by its own PID); leaves a running one alone. */
  stop(): Promise<void>;
}

async function schedulerRunning(): Promise<boolean> {
  try {
    const { stdout } = await run('lpstat', ['-r'], { env: cEnv });
    return /scheduler is running/.test(stdout);
  } catch {
    return false;
  }
}

async function queueExists(queue: string): Promise<boolean> {
  try {
    await run('lpstat', ['-p', queue], { env: cEnv });
    return true;
  } catch {
    return false;
  }
}

/** cups-pdf's "Out" folder (/etc/cups/cups-pdf.conf), ${HOME} being the job owner's home. */
export function cupsPdfOutputDir(): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: cups-pdf.conf's own placeholder syntax
  let out = '${HOME}/PDF';
  try {
    const line = readFileSync('/etc/cups/cups-pdf.conf', 'utf8')
      .split('\n')
      .find((l) => /^Out\s/.test(l));
    if (line) out = line.replace(/^Out\s+/, '').trim();
  } catch {
    // The package default applies.
  }
  // biome-ignore lint/suspicious/noTemplateCurlyInString: cups-pdf.conf's own placeholder syntax
  return out.replace('${HOME}', homedir()).replace('${USER}', userInfo().username);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startCupsPdfQueue(queue = 'PDF'): Promise<CupsPdfQueue> {
  let cupsd: ChildProcess | undefined;
  if (!(await schedulerRunning())) {
    // The package's service start is blocked in containers: run the scheduler in the foreground.
    cupsd = spawn('/usr/sbin/cupsd', ['-f'], { stdio: 'ignore' });
    await waitFor(schedulerRunning, 15_000, 'cupsd to start');
  }
  if (!(await queueExists(queue))) {
    await run(
      'lpadmin',
      ['-p', queue, '-v', 'cups-pdf:/', '-E', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd'],
      {
        env: cEnv,
      },
    );
  }
  await run('cupsenable', [queue], { env: cEnv });
  await run('cupsaccept', [queue], { env: cEnv });
  const started = cupsd;
  return {
    queue,
    outputDir: cupsPdfOutputDir(),
    async stop() {
      if (!started?.pid || started.exitCode !== null || started.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
      process.kill(started.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** Where a job's output of cups-pdf appears: a file whose name starts with the job's title. */
export function cupsPdfFilePrefix(title: string): string {
  // cups-pdf replaces characters outside [A-Za-z0-9-_.] in titles with "_".
  return title.replace(/[^A-Za-z0-9\-_.]/g, '_');
}
