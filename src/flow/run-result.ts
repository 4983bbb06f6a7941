// What a job of the flow hands back to its front door (the Action's run.ts today, a GitHub App server
// tomorrow): plain data, so the front door maps it to its runner and decides nothing.
import { mappedStack } from '../adapters/local/source-map.js';
import { messageOf, UserError } from '../core/errors.js';
import type { Annotation } from '../report/annotations.js';
import { renderFailureMarkdown } from '../report/markdown.js';
import { plainLine, plainText } from '../report/plain.js';

export type { Annotation };

/**
 * One thing the runner shows, in the order the job found it: GitHub lists a step's annotations and
 * failure lines in that order, so they share one list with the log lines between them. A `failure`
 * fails the step (exit code 1); an `info` line is sanitised by the front door's log; a `debug` line is
 * kept multi-line (a stack trace).
 */
export type RunnerNote =
  | ({ kind: 'annotation' } & Annotation)
  | { kind: 'failure'; message: string }
  | { kind: 'info'; message: string }
  | { kind: 'debug'; message: string };

export interface RunResult {
  /** The step's outputs, in the order they were set. */
  outputs: Record<string, string>;
  notes: RunnerNote[];
  /** The job summary's parts, joined with a line break. */
  summary: string[];
}

/** Where a job writes the files its outputs name (the runner's temporary folder); returns the path written. */
export interface ArtifactStore {
  writeJson(fileName: string, body: unknown): string;
}

/** Collects a job's result as it goes; `result` is plain data. */
export class RunRecorder {
  readonly result: RunResult = { outputs: {}, notes: [], summary: [] };

  output(name: string, value: string): void {
    this.result.outputs[name] = value;
  }

  annotate(annotation: Annotation): void {
    this.result.notes.push({ kind: 'annotation', ...annotation });
  }

  fail(message: string): void {
    this.result.notes.push({ kind: 'failure', message });
  }

  info(message: string): void {
    this.result.notes.push({ kind: 'info', message });
  }

  summarise(markdown: string): void {
    this.result.summary.push(markdown);
  }

  /**
   * A thrown value as the run reports it: error annotations (at their locations), the failure line
   * and the summary text; `what` names what failed in the summary's heading.
   */
  failWith(error: unknown, what: string): void {
    const message = messageOf(error);
    if (error instanceof UserError) {
      if (error.annotated) {
        for (const finding of error.findings)
          this.annotate({ level: 'error', message: plainLine(finding.message), location: finding.location });
      }
      this.summarise(renderFailureMarkdown(what, error.annotated ? error.findings : message));
      this.fail(plainLine(`pilot-readiness: ${message}`));
      return;
    }
    // The stack names src/ files and lines (read from dist/'s maps only now, never at start-up); its
    // first line is the error's message, which may quote untrusted input.
    if (error instanceof Error && error.stack) this.result.notes.push({ kind: 'debug', message: plainText(mappedStack(error.stack)) });
    this.summarise(renderFailureMarkdown(what, message, { unexpected: true }));
    this.fail(plainLine(`pilot-readiness failed unexpectedly: ${message}`));
  }
}

/** The lines that fail the step, in order (none: the step passes). */
export function failuresOf(result: RunResult): string[] {
  return result.notes.flatMap((n) => (n.kind === 'failure' ? [n.message] : []));
}

/**
 * A job run to its result: whatever it throws fails the step (fail closed) with advice rather than a
 * stack trace, after what it recorded before; a job never throws to its front door.
 */
export async function settled(job: (run: RunRecorder) => Promise<void>): Promise<RunResult> {
  const run = new RunRecorder();
  try {
    await job(run);
  } catch (error) {
    run.failWith(error, 'Pilot readiness');
  }
  return run.result;
}
