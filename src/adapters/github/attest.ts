// Signing through GitHub's artifact attestations (@actions/attest): Sigstore signs the statement with
// the workflow's OIDC identity (id-token: write) and GitHub stores the bundle (attestations: write).
// Loaded on demand, only when the Action is asked to attest: the signing libraries are large.
import type { AttestationSigner, AttestationVerifier, SignedAttestation } from '../../flow/ports.js';
import { messageOf } from '../../core/errors.js';
import { GitHubAccessError } from './errors.js';

export function actionsAttestSigner(token: string): AttestationSigner {
  return {
    async sign(statement): Promise<SignedAttestation> {
      const { attest } = await import('@actions/attest');
      try {
        const result = await attest({
          subjects: statement.subject,
          predicateType: statement.predicateType,
          predicate: statement.predicate,
          token,
        });
        return { bundle: result.bundle, ...(result.attestationID ? { id: result.attestationID } : {}) };
      } catch (error) {
        const message = messageOf(error);
        // Without an OIDC token there is nothing to sign with: say which permission is missing.
        if (/identity token|ACTIONS_ID_TOKEN_REQUEST|id-token/i.test(message))
          throw new GitHubAccessError(
            'the attestation signing (OIDC token)',
            null,
            'add `permissions: { id-token: write, attestations: write }` to the job',
            message,
          );
        throw new GitHubAccessError(
          'the attestation signing or storage',
          null,
          'the job needs `id-token: write` and `attestations: write`',
          message,
        );
      }
    },
  };
}

/**
 * This build carries no Sigstore verifier (no Fulcio roots, no Rekor or timestamp checks), so a
 * signature can never be taken as verified here: an attestation handed to the deploy gate fails
 * closed, with the reason. A verifier that checks Sigstore bundles plugs in through the same port.
 */
export const noSignatureVerifier: AttestationVerifier = {
  async verify() {
    return {
      ok: false,
      reason:
        'this build cannot verify Sigstore signatures (no trusted root, Rekor or timestamp checks here); verify the bundle with `gh attestation verify` or drop the attestation input to rely on the re-evaluation alone',
    };
  },
};
