import { describe, expect, it } from 'vitest';
import { TEAM_PERMISSION } from '../../src/core/signoff/identity.js';
import { AUTHOR, D, H, at, factsWith, manifestWith, messages, policyWith, request, review, role, signoffs } from './builders.js';

const TWO_ROLES = policyWith({
  legal: {},
  security: { window: '72h', on_silence: 'consent', members: ['acme/appsec', 'sam'] },
});

describe('who fills a role', () => {
  it('takes the manifest reviewers when the policy leaves the role open', () => {
    const manifest = manifestWith({ reviewers: { legal: ['lena', 'Lena', 'lars'] } });
    const legal = role(signoffs({ manifest }), 'legal');
    expect(legal).toMatchObject({
      members: ['lena', 'lars'],
      members_from: 'manifest',
      resolved_members: ['lena', 'lars'],
      location: { file: 'pilot-readiness.yml', line: 7, column: 3 },
      title: 'Legal',
      required: true,
    });
  });

  it('takes the policy members when the policy fixes them, teams expanded from the facts', () => {
    const facts = factsWith({ teams: { 'acme/appsec': ['ada', 'sam'] } });
    const security = role(signoffs({ policy: TWO_ROLES, facts }), 'security');
    expect(security).toMatchObject({
      members: ['acme/appsec', 'sam'],
      members_from: 'policy',
      resolved_members: ['sam', 'ada'],
      title: 'security',
    });
  });

  it('is an error, at the manifest line, to name reviewers for a role whose members the policy fixes', () => {
    const manifest = manifestWith({ reviewers: { legal: ['lena'], security: ['mallory'] } });
    const result = signoffs({ policy: TWO_ROLES, manifest, facts: factsWith({ teams: { 'acme/appsec': ['ada'] } }) });
    expect(result.errors).toEqual([
      {
        message: 'reviewers.security: the policy fixes the members of role security; remove this entry',
        location: { file: 'pilot-readiness.yml', line: 9, column: 3 },
      },
    ]);
    // The policy's members stand; the manifest cannot add mallory.
    expect(role(result, 'security').resolved_members).toEqual(['sam', 'ada']);
  });

  it('is an error to name reviewers for a role the policy does not define, with a did-you-mean when close', () => {
    const manifest = manifestWith({ reviewers: { legal: ['lena'], legl: ['lars'], marketing: ['mo'] } });
    const result = signoffs({ manifest });
    expect(result.errors).toEqual([
      { message: 'reviewers.legl: the policy defines no role legl; did you mean legal?', location: at(manifest, ['reviewers', 'legl']) },
      {
        message: 'reviewers.marketing: the policy defines no role marketing (its reviewer roles: legal); remove this entry',
        location: at(manifest, ['reviewers', 'marketing']),
      },
    ]);
    expect(at(manifest, ['reviewers', 'legl'])?.line).toBe(9);
  });

  it('is an error to name the owner under reviewers', () => {
    const manifest = manifestWith({ reviewers: { legal: ['lena'], owner: ['olivia'] } });
    expect(signoffs({ manifest }).errors).toEqual([
      {
        message: 'reviewers.owner: the accountable owner is named by the top-level `owner` field, not under reviewers; remove this entry',
        location: at(manifest, ['reviewers', 'owner']),
      },
    ]);
  });

  it('rejects an entry that is neither a login nor an org/team slug, at its line', () => {
    const manifest = manifestWith({ reviewers: { legal: ['@lena', 'lars', 'not a login'] } });
    const result = signoffs({ manifest });
    expect(result.errors).toEqual([
      {
        message: 'reviewers.legal[0]: "@lena" is not a GitHub login or org/team slug; write it without the @',
        location: at(manifest, ['reviewers', 'legal', 0]),
      },
      {
        message:
          'reviewers.legal[2]: "not a login" is not a GitHub login or org/team slug; write a login such as octocat or a team such as acme/legal',
        location: at(manifest, ['reviewers', 'legal', 2]),
      },
    ]);
    expect(role(result, 'legal').members).toEqual(['lars']);
  });

  it('is an error, at its line, to name the PR author as a reviewer (independence)', () => {
    const manifest = manifestWith({ reviewers: { legal: ['lena', AUTHOR] } });
    const result = signoffs({ manifest });
    expect(result.errors).toEqual([
      {
        message:
          "reviewers.legal[1]: dev opened this pull request, and may not also review for legal: a role's reviewers must be people other than the owner and the PR author; name someone else",
        location: at(manifest, ['reviewers', 'legal', 1]),
      },
    ]);
    expect(role(result, 'legal').members).toEqual(['lena']);
  });
});

describe('a role filled only by a team', () => {
  const manifest = manifestWith({ reviewers: { legal: ['acme/legal'] } });

  it('expands the team, starts the window at a request to the team, and counts a team member approval', () => {
    const facts = factsWith({
      teams: { 'acme/legal': ['lena', 'lars'] },
      review_requests: [request('acme/legal', H)],
      reviews: [review('lars', 'APPROVED', 2 * H)],
    });
    const legal = role(signoffs({ manifest, facts }), 'legal');
    expect(legal).toMatchObject({ status: 'approved', blocking: false, resolved_members: ['lena', 'lars'], hint: 'approved by lars' });
    expect(legal.started_at).toBe(facts.review_requests[0]?.at);
  });

  it('finds the team without regard to case', () => {
    const facts = factsWith({ teams: { 'ACME/Legal': ['lena'] }, review_requests: [request('acme/legal', H)] });
    const legal = role(signoffs({ manifest, facts }), 'legal');
    expect(legal).toMatchObject({ status: 'pending', resolved_members: ['lena'] });
  });

  it('fails closed when the team cannot be resolved: blocking, naming the team and the token permission', () => {
    const facts = factsWith({ review_requests: [request('acme/legal', H)] });
    const legal = role(signoffs({ manifest, facts }), 'legal');
    expect(legal).toMatchObject({ status: 'pending', blocking: true, resolved_members: [] });
    expect(legal.hint).toBe(`could not resolve team acme/legal, so who may review for legal is unknown; ${TEAM_PERMISSION}`);
    expect(TEAM_PERMISSION).toBe(
      'the token needs read access to organization members (fine-grained token: Members read; classic: read:org)',
    );
  });

  it('stays blocking on an unresolvable team even when a known member approved', () => {
    const m = manifestWith({ reviewers: { legal: ['lena', 'acme/legal'] } });
    const facts = factsWith({ reviews: [review('lena', 'APPROVED', H)] });
    const legal = role(signoffs({ manifest: m, facts }), 'legal');
    expect(legal).toMatchObject({ status: 'approved', blocking: true });
    expect(legal.hint).toMatch(/^could not resolve team acme\/legal/);
  });

  it('explains a review by someone the unresolved team might hold', () => {
    const facts = factsWith({ reviews: [review('lars', 'APPROVED', H)] });
    const legal = role(signoffs({ manifest, facts }), 'legal');
    expect(legal.reviews).toEqual([
      expect.objectContaining({
        author: 'lars',
        counted: false,
        not_counted_because: 'not a known member of legal (team acme/legal could not be resolved)',
      }),
    ]);
  });

  it('only warns about an unresolvable team when the role is not required for the tier', () => {
    const policy = policyWith({ legal: { required_for: ['high'] } });
    const m = manifestWith({ pilot: { name: 'claims-triage', risk: 'low' }, reviewers: { legal: ['acme/legal'] } });
    const result = signoffs({ policy, manifest: m });
    expect(role(result, 'legal')).toMatchObject({ required: false, blocking: false });
    expect(messages(result.warnings)).toEqual([
      `legal: could not resolve team acme/legal, so who may review for legal is unknown; ${TEAM_PERMISSION}`,
    ]);
  });
});

describe('a role nobody fills', () => {
  it('is blocking when the tier requires it, with a hint on how to fill it', () => {
    const manifest = manifestWith({ reviewers: {} });
    const legal = role(signoffs({ manifest }), 'legal');
    expect(legal).toMatchObject({
      status: 'not_requested',
      required: true,
      blocking: true,
      members: [],
      members_from: 'none',
      location: null,
    });
    expect(legal.hint).toBe(
      'nobody fills role legal, which is required for high-risk pilots: add reviewers.legal (GitHub logins or org/team slugs) to the manifest, or set roles.legal.members in the policy',
    );
  });

  it('is reported but not blocking when the tier does not require it (required_for)', () => {
    const policy = policyWith({ legal: {}, privacy: { required_for: ['medium', 'high'] } });
    const manifest = manifestWith({ pilot: { name: 'claims-triage', risk: 'low' } });
    const privacy = role(signoffs({ policy, manifest }), 'privacy');
    expect(privacy).toMatchObject({ status: 'not_requested', required: false, blocking: false });
    expect(privacy.hint).toBe(
      'role privacy is optional for low-risk pilots and nobody fills it; add reviewers.privacy (GitHub logins or org/team slugs) to the manifest, or set roles.privacy.members in the policy to consult it',
    );
  });

  it('is required for every tier when required_for is absent', () => {
    const manifest = manifestWith({ pilot: { name: 'claims-triage', risk: 'low' }, reviewers: null as never });
    expect(role(signoffs({ manifest }), 'legal')).toMatchObject({ required: true, blocking: true });
  });

  it('counts as unfilled when its members resolve only to the PR author', () => {
    const manifest = manifestWith({ reviewers: { legal: ['acme/legal'] } });
    const facts = factsWith({ teams: { 'acme/legal': [AUTHOR] }, review_requests: [request('acme/legal', H)] });
    const legal = role(signoffs({ manifest, facts, now: 30 * D }), 'legal');
    expect(legal).toMatchObject({ status: 'not_requested', blocking: true });
    expect(legal.hint).toBe(
      'nobody who may review fills role legal: acme/legal resolves to only dev, who may not review for legal (the accountable owner and the PR author never count for a role, nor do bots); add reviewers.legal (GitHub logins or org/team slugs) to the manifest, or set roles.legal.members in the policy',
    );
  });

  it('counts as unfilled when its team is empty', () => {
    const manifest = manifestWith({ reviewers: { legal: ['acme/legal'] } });
    const facts = factsWith({ teams: { 'acme/legal': [] } });
    expect(role(signoffs({ manifest, facts }), 'legal').hint).toBe(
      'nobody who may review fills role legal: acme/legal resolves to no one; add reviewers.legal (GitHub logins or org/team slugs) to the manifest, or set roles.legal.members in the policy',
    );
  });

  it('lists roles in policy order and leaves out the owner', () => {
    const policy = policyWith({ security: { members: ['sam'] }, legal: {}, privacy: { members: ['pia'] } });
    expect(signoffs({ policy }).roles.map((r) => r.role)).toEqual(['security', 'legal', 'privacy']);
  });
});
