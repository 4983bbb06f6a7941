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
  /** The commit judged and given the status: the pull request's head, or the merge queue's commit when `queued`. */
  headSha: string;
  baseSha: string;
  baseRef: string;
  fork: boolean;
  /**
   * A merge_group run: the pull request as the merge queue holds it. headSha and baseSha are the
   * queue's commit and its parent; no comment is written and no review requested (the group is not a PR).
   */
  queued?: boolean;
  /**
   * A sweep's pull request: the inputs digest the sweep listed it with, and how many tries in a row
   * failed before, so that a try that fails again records when to try next (markUnverified).
   */
  sweep?: { inputs: string; failedTries: number };
}

/** How the gate is set up: the trusted workflow's inputs that the flow reads. */
export interface GateSettings {
  /** 'default', a central owner/repo/path@ref, or a path read at the base sha. */
  policy: string;
  /** Glob of pilot manifests. */
  manifest: string;
  mode: 'gate' | 'report' | 'portfolio' | 'deployment';
  comment: boolean;
  statusContext: string;
  requestReviews: boolean;
}

/** A signed attestation as the signer returns it: the Sigstore bundle, and where GitHub keeps it. */
export interface SignedAttestation {
  bundle: unknown;
  /** GitHub's attestation id, when the bundle was stored. */
  id?: string;
}

/** Signs an in-toto statement (subjects, predicate type, predicate); the Action's is @actions/attest. */
export interface AttestationSigner {
  sign(statement: {
    subject: Array<{ name: string; digest: Record<string, string> }>;
    predicateType: string;
    predicate: object;
  }): Promise<SignedAttestation>;
}

/**
 * Checks an attestation bundle's signature and returns the statement it signs, or why it cannot be
 * trusted. The content (subject, predicate) is then checked by the core (checkStatement).
 */
export interface AttestationVerifier {
  verify(bundle: unknown): Promise<{ ok: true; statement: unknown } | { ok: false; reason: string }>;
}
