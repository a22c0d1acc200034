import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Json, Template } from '../../macro/types';
import { REFEREE_INSTALL_HINT } from './tools';

/** The translator's answer: the CloudFormation template, or SAM's own error messages. */
export type SamTranslation = { ok: true; template: Template } | { ok: false; errors: string[] };

interface Pending {
  resolve: (answer: SamTranslation) => void;
  reject: (error: Error) => void;
}

/** The Python interpreter that has aws-sam-translator; `python3` unless SERVICE_PROXY_PYTHON says otherwise. */
const PYTHON = process.env.SERVICE_PROXY_PYTHON ?? 'python3';

/**
 * The real AWS SAM translator (aws-sam-translator, Python) behind one long-lived helper process
 * (`sam_translate.py`, JSON lines): importing it costs ~0.3 s, a translation ~16 ms.
 */
export class SamTranslator {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exitReason: string | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly version: string,
    lines: AsyncIterableIterator<string>,
  ) {
    void this.readAnswers(lines);
  }

  /** Starts the helper; rejects, naming the missing tool and how to install it, if it cannot start. */
  static start(): Promise<SamTranslator> {
    const child = spawn(PYTHON, [join(__dirname, 'sam_translate.py')], {
      env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1', PYTHONUNBUFFERED: '1' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const unavailable = (detail: string) =>
      new Error(
        `This test needs the AWS SAM translator (Python package aws-sam-translator, run with ${PYTHON}), which could not be started: ${detail}. Install it with: ${REFEREE_INSTALL_HINT}.`,
      );
    return new Promise((resolve, reject) => {
      child.on('error', (error) => reject(unavailable(error.message)));
      lines.next().then(
        (first) => {
          const hello = first.done ? undefined : (JSON.parse(first.value) as { ready?: boolean; version?: string });
          if (hello?.ready !== true) {
            // stderr may still be arriving when stdout ends: wait for the exit to read all of it.
            const fail = () => reject(unavailable(stderr.trim().split('\n').slice(-1)[0] || 'it exited without a word'));
            if (child.exitCode !== null) fail();
            else child.once('close', fail);
            return;
          }
          resolve(new SamTranslator(child, hello.version ?? 'unknown', lines));
        },
        (error: Error) => reject(unavailable(error.message)),
      );
    });
  }

  /** Translates one template with the given template parameter values (pseudo parameters are added). */
  translate(template: Template, parameters: Record<string, Json> = {}): Promise<SamTranslation> {
    if (this.exitReason !== undefined) return Promise.reject(new Error(this.exitReason));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, template, parameters })}\n`);
    });
  }

  /** Ends the helper (closing stdin ends its read loop). */
  close(): void {
    this.child.stdin.end();
  }

  private async readAnswers(lines: AsyncIterableIterator<string>): Promise<void> {
    for await (const line of { [Symbol.asyncIterator]: () => lines }) {
      const answer = JSON.parse(line) as SamTranslation & { id: number };
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      waiting?.resolve(answer.ok ? { ok: true, template: answer.template } : { ok: false, errors: answer.errors });
    }
    this.exitReason = 'the SAM translator helper exited';
    for (const waiting of this.pending.values()) waiting.reject(new Error(this.exitReason));
    this.pending.clear();
  }
}
