// What the flow needs from the world it runs in, as plain values and small interfaces: the Action's
// runtime (src/action/runtime.ts) and the CLI each supply them. The GitHub adapters take a Logger too,
// so this module imports nothing.

/** Where the flow and the adapters report what they do; the runtime's and the CLI's loggers sanitise each line. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug?(message: string): void;
}

/** One pull request to gate, as the event (or the list of open pull requests) names it. */
export interface PullRequestRef {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  fork: boolean;
}

/** How the gate is set up: the trusted workflow's inputs that the flow reads. */
export interface GateSettings {
  /** 'default', a central owner/repo/path@ref, or a path read at the base sha. */
  policy: string;
  /** Glob of pilot manifests. */
  manifest: string;
  mode: 'gate' | 'report' | 'portfolio';
  comment: boolean;
  statusContext: string;
  requestReviews: boolean;
}
