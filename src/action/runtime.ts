// The Action's one door to the runner: the only module that imports @actions/core. Inputs, outputs,
// the job summary, annotations and the log go through here, so that the rest of the Action (and the
// flow it runs) talks to plain values and a Logger.
import * as core from '@actions/core';
import { messageOf } from '../core/errors.js';
import type { Report } from '../core/types.js';
import type { Logger } from '../flow/ports.js';
import type { RunResult } from '../flow/run-result.js';
import { withinSummaryLimit } from '../report/gate-summary.js';
import { plainLine } from '../report/plain.js';
import { reportAnnotations, type Annotation } from '../report/annotations.js';

export type { Annotation };

/** The runner's log for every line that may quote an API answer or the pull request: control characters and `::` defused. */
export const runnerLog: Logger = {
  info: (m) => core.info(plainLine(m)),
  warning: (m) => core.warning(plainLine(m)),
  debug: (m) => core.debug(plainLine(m)),
};

/** An input as the workflow gives it ('' when unset; the runner applies action.yml's defaults). */
export function input(name: string): string {
  return core.getInput(name);
}

/** Masks a value in every later line of the log. */
export function secret(value: string): void {
  core.setSecret(value);
}

export function output(name: string, value: string): void {
  core.setOutput(name, value);
}

export function annotate({ level, message: raw, title, location }: Annotation): void {
  // Every annotation, whoever built it: a finding may quote a manifest, an API string or a path, and
  // @actions/core escapes only %, CR and LF (control and bidi characters would reach the log).
  const message = plainLine(raw);
  const properties: core.AnnotationProperties = {
    ...(title !== undefined ? { title: plainLine(title) } : {}),
    ...(location ? { file: location.file, startLine: location.line, startColumn: location.column } : {}),
  };
  if (level === 'error') core.error(message, properties);
  else if (level === 'warning') core.warning(message, properties);
  else core.notice(message, properties);
}

/** Annotations for every report of the run, ranked and capped within GitHub's per-step limits. */
export function annotateReports(reports: Report[]): void {
  for (const annotation of reportAnnotations(reports)) annotate(annotation);
}

/** Fails the step (an error line and exit code 1); the run goes on to write its summary. */
export function fail(message: string): void {
  core.setFailed(message);
}

export function debug(message: string): void {
  core.debug(message);
}

/** Appends to the job summary when the runner gives one (GITHUB_STEP_SUMMARY); a refusal is a warning. */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown).write();
  } catch (error) {
    core.warning(`could not write the job summary: ${messageOf(error)}`);
  }
}

/** A job's result as the runner shows it: outputs, then annotations, log lines and failures in the order found, then the summary. */
export async function publish(result: RunResult): Promise<void> {
  for (const [name, value] of Object.entries(result.outputs)) output(name, value);
  for (const note of result.notes) {
    if (note.kind === 'failure') fail(note.message);
    else if (note.kind === 'info') runnerLog.info(note.message);
    else if (note.kind === 'debug') debug(note.message);
    else annotate(note);
  }
  // setFailed only sets the exit code: the summary is written whatever happened.
  if (result.summary.length > 0) await writeSummary(withinSummaryLimit(result.summary.join('\n')));
}
