import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as h}from"./chunk-JGZKPMX6.js";import{f}from"./chunk-FWPIDF75.js";var a={check:`pilot-readiness check [MANIFEST] [--policy default|PATH] [--pr FACTS.json] [--now ISO]
                      [--format text|json|markdown|sarif] [--output REPORT.json] [--worktree]
                      [--base REF]`,init:`pilot-readiness init [--risk low|medium|high] [--policy default|PATH] [--name SLUG]
                     [--owner LOGIN] [--output pilot-readiness.yml] [--force]`,explain:"pilot-readiness explain [ID] [--roles] [--policy default|PATH]",replay:"pilot-readiness replay REPORT.json","policy check":"pilot-readiness policy check PATH [--format text|json]","policy diff":"pilot-readiness policy diff A B [--format text|json]",portfolio:`pilot-readiness portfolio --org ORG [--repos A,B] [--policy default|OWNER/REPO/PATH@REF|PATH]
                          [--manifest GLOB] [--shard I/N] [--now ISO] [--format markdown|json]
                          [--output PORTFOLIO.json] [--state STATE.json]
pilot-readiness portfolio --merge A.json B.json... [--format markdown|json] [--output PORTFOLIO.json]`,verify:`pilot-readiness verify --sha SHA [--repo OWNER/REPO] [--policy default|OWNER/REPO/PATH@REF|PATH]
                       [--manifest GLOB] [--now ISO] [--attestation BUNDLE.json]
                       [--format text|json|markdown] [--output VERDICT.json]`},u={check:`evaluates MANIFEST (default ./pilot-readiness.yml) against the policy. The manifest and its
evidence are read from the files committed at HEAD of the git repository that holds the manifest,
as CI sees them; --worktree reads the files on disk instead (untracked and ignored ones count). With
--pr, the PR facts file adds the sign-offs: roles, windows, silence as consent, the accountable
owner's approval. With --base REF, the manifest at REF (read with git) is the reference for
values the policy fixes before the evaluation: one changed together with its evaluation's evidence
waits for the base owner's approval (and thresholds_confirmed_by's).`,init:`writes a starter manifest listing every criterion the policy sets for the risk tier, with
that tier's limits. Its placeholders (owner, title, reviewers, dates, links, metrics) are input
errors for check until they are replaced.`,explain:"prints a criterion's text, evidence requirements and framework references (no ID: all).",replay:"re-evaluates a saved JSON report from its recorded inputs; exit 0 only if the decision is the same.",policy:`check: validates a policy and the chain it extends, listing every loosening (exit 0 or 2).
diff: what B tightens and loosens against A (exit 0 when B only tightens, 1 when it loosens).
A policy's extends names default, or a path relative to the extending file; central
owner/repo/path@ref references are resolved by the Action only.`,"policy check":"validates a policy and the chain it extends, listing every loosening (exit 0 or 2).","policy diff":"what B tightens and loosens against A (exit 0 when B only tightens, 1 when it loosens).",portfolio:`every pilot of ORG's unarchived repositories (or --repos), read through the GitHub API:
open deployment PRs and the default branch's pilots, longest waiting first. The token comes
from GITHUB_TOKEN or GH_TOKEN, the API root from GITHUB_API_URL (GitHub Enterprise Server:
https://HOST/api/v3). Exit 0 when every repository was read (whatever the decisions), 1 when a
rate limit stopped it: --state keeps what was read, and the same command resumes from it.
--shard 2/4 reads every fourth repository; --merge joins the shards' JSON files into one report.`,verify:`the deploy-time gate: finds the merged pull request whose merge commit is SHA (squash or
merge commit), judges its pilots again at --now (default: now) with the sign-offs recorded at
the merge, under the policy of SHA's first parent, and exits 1 with the reasons unless they
were ready at the merge and still are; a commit no merged pull request produced (a direct push)
exits 1 too. The repository comes from --repo or GITHUB_REPOSITORY, the token from GITHUB_TOKEN or
GH_TOKEN, the API root from GITHUB_API_URL. Exit 2 for an unknown commit or a GitHub failure.`},m="Exit codes: 0 ready, 1 not ready (blocked or pending), 2 invalid input or usage, 3 internal error.",c=(t,i)=>t.replace(/\n/g,`
${i}`);function p(t){return t==="policy"?`${a["policy check"]}
${a["policy diff"]}`:a[t]}function y(t){let i=t==="check"?`
${m}
`:"";return`Usage:
  ${c(p(t),"  ")}

${u[t]}
${i}`}function A(){let t=Object.keys(a).map(o=>`  ${c(a[o],"  ")}`),i=["check","init","explain","replay","policy","portfolio","verify"].map(o=>`${o.padEnd(10)} ${c(u[o],"           ")}`);return`pilot-readiness ${h}: gate ML pilot deployments on a production-readiness policy

Usage:
${t.join(`
`)}
  pilot-readiness COMMAND --help | pilot-readiness --help | --version

${i.join(`
`)}

${m}
`}import{parseArgs as g}from"node:util";var d=class extends f{constructor(o,n){super(o);this.usage=n}usage};function w(t,i,o,n){let{tokens:l}=g({args:i,options:o,allowPositionals:!0,strict:!1,tokens:!0});for(let e of l){if(e.kind==="positional"&&!n)return`${t} takes no argument "${e.value}"`;if(e.kind!=="option")continue;let r=o[e.name];if(!r)return`${t} has no option ${e.rawName}`;if(r.type==="boolean"&&e.inlineValue)return`${e.rawName} takes no value (${e.rawName}=${e.value})`;if(r.type==="string"&&(e.value===void 0||!e.inlineValue&&e.value.startsWith("-")))return`${e.rawName} needs a value${e.value===void 0?"":` (for a value that starts with "-", write ${e.rawName}=VALUE)`}`}return null}function T(t,i,o,n,l=!1){let e=o.indexOf("--");if((e===-1?o:o.slice(0,e)).some(s=>s==="--help"||s==="-h"))return t.out(y(i)),null;let r=w(i,o,n,l);if(r)throw new d(r,p(i));try{return g({args:o,options:n,allowPositionals:l,strict:!0})}catch(s){throw s.code?.startsWith("ERR_PARSE_ARGS")?new d(`${i}: these arguments cannot be read (${o.join(" ")})`,p(i)):s}}export{a,p as b,y as c,A as d,d as e,T as f};
//# sourceMappingURL=chunk-JLKLDPZ6.js.map
