import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{u as f,v as m,z as y}from"./chunk-KBCJ5FJC.js";import{i as l,j as h}from"./chunk-QNYKDEZB.js";var p={check:`pilot-readiness check [MANIFEST] [--policy default|PATH] [--pr FACTS.json] [--now ISO]
                      [--format text|json|markdown|sarif] [--output REPORT.json] [--worktree]`,init:`pilot-readiness init [--risk low|medium|high] [--policy default|PATH] [--name SLUG]
                     [--owner LOGIN] [--output pilot-readiness.yml] [--force]`,explain:"pilot-readiness explain [ID] [--policy default|PATH]",replay:"pilot-readiness replay REPORT.json","policy check":"pilot-readiness policy check PATH [--format text|json]","policy diff":"pilot-readiness policy diff A B [--format text|json]",portfolio:`pilot-readiness portfolio --org ORG [--repos A,B] [--policy default|OWNER/REPO/PATH@REF|PATH]
                          [--manifest GLOB] [--shard I/N] [--now ISO] [--format markdown|json]
                          [--output PORTFOLIO.json] [--state STATE.json]
pilot-readiness portfolio --merge A.json B.json... [--format markdown|json] [--output PORTFOLIO.json]`},g={check:`evaluates MANIFEST (default ./pilot-readiness.yml) against the policy. Evidence paths are
checked against the files committed at HEAD of the git repository that holds the manifest, as CI
sees them; --worktree checks the files on disk instead (untracked and ignored ones count). With
--pr, the PR facts file adds the sign-offs: roles, windows, silence as consent, the accountable
owner's approval.`,init:`writes a starter manifest listing every criterion the policy sets for the risk tier, with
that tier's limits. Its placeholders (owner, title, reviewers, dates, links, metrics) are input
errors for check until they are replaced.`,explain:"prints a criterion's text, evidence requirements and framework references (no ID: all).",replay:"re-evaluates a saved JSON report from its recorded inputs; exit 0 only if the decision is the same.",policy:`check: validates a policy and the chain it extends, listing every loosening (exit 0 or 2).
diff: what B tightens and loosens against A (exit 0 when B only tightens, 1 when it loosens).
A policy's extends names default, or a path relative to the extending file; central
owner/repo/path@ref references are resolved by the Action only.`,"policy check":"validates a policy and the chain it extends, listing every loosening (exit 0 or 2).","policy diff":"what B tightens and loosens against A (exit 0 when B only tightens, 1 when it loosens).",portfolio:`every pilot of ORG's unarchived repositories (or --repos), read through the GitHub API:
open deployment PRs and the default branch's pilots, longest waiting first. The token comes
from GITHUB_TOKEN or GH_TOKEN, the API root from GITHUB_API_URL (GitHub Enterprise Server:
https://HOST/api/v3). Exit 0 when every repository was read (whatever the decisions), 1 when a
rate limit stopped it: --state keeps what was read, and the same command resumes from it.
--shard 2/4 reads every fourth repository; --merge joins the shards' JSON files into one report.`},w="Exit codes: 0 ready, 1 not ready (blocked or pending), 2 invalid input or usage, 3 internal error.",u=(o,e)=>o.replace(/\n/g,`
${e}`);function c(o){return o==="policy"?`${p["policy check"]}
${p["policy diff"]}`:p[o]}function O(o){let e=o==="check"?`
${w}
`:"";return`Usage:
  ${u(c(o),"  ")}

${g[o]}
${e}`}function b(){let o=Object.keys(p).map(t=>`  ${u(p[t],"  ")}`),e=["check","init","explain","replay","policy","portfolio"].map(t=>`${t.padEnd(10)} ${u(g[t],"           ")}`);return`pilot-readiness ${y}: gate ML pilot deployments on a production-readiness policy

Usage:
${o.join(`
`)}
  pilot-readiness COMMAND --help | pilot-readiness --help | --version

${e.join(`
`)}

${w}
`}import{parseArgs as k}from"node:util";var d=class extends h{constructor(t,i){super(t);this.usage=i}usage};function $(o,e,t,i){let{tokens:n}=k({args:e,options:t,allowPositionals:!0,strict:!1,tokens:!0});for(let r of n){if(r.kind==="positional"&&!i)return`${o} takes no argument "${r.value}"`;if(r.kind!=="option")continue;let s=t[r.name];if(!s)return`${o} has no option ${r.rawName}`;if(s.type==="boolean"&&r.inlineValue)return`${r.rawName} takes no value (${r.rawName}=${r.value})`;if(s.type==="string"&&(r.value===void 0||!r.inlineValue&&r.value.startsWith("-")))return`${r.rawName} needs a value${r.value===void 0?"":` (for a value that starts with "-", write ${r.rawName}=VALUE)`}`}return null}function L(o,e,t,i,n=!1){let r=t.indexOf("--");if((r===-1?t:t.slice(0,r)).some(a=>a==="--help"||a==="-h"))return o.out(O(e)),null;let s=$(e,t,i,n);if(s)throw new d(s,c(e));try{return k({args:t,options:i,allowPositionals:n,strict:!0})}catch(a){throw a.code?.startsWith("ERR_PARSE_ARGS")?new d(`${e}: these arguments cannot be read (${t.join(" ")})`,c(e)):a}}import{lstatSync as N,readFileSync as R,realpathSync as x,statSync as A}from"node:fs";import{dirname as T,join as E,relative as S,resolve as I,sep as P}from"node:path";function W(o){let e=I(o);for(;;)try{return N(E(e,".git")),e}catch{let t=T(e);if(t===e)return null;e=t}}function v(o,e){let t=S(o,e);return t===""||!t.startsWith("..")&&!t.startsWith(P)&&!/^[A-Za-z]:/.test(t)}function J(o){let e=x.native(o);return{stat(t){let i=E(e,...t.split("/"));if(!v(e,i))return"outside";let n;try{n=x.native(i)}catch{return"missing"}if(!v(e,n))return"outside";try{return A(n).isDirectory()?"dir":"file"}catch{return"missing"}}}}function K(o,e=o){let t;try{let i=A(o);if(i.isDirectory())throw new l(`${e} is a folder, not a file`);t=i.size}catch(i){if(i instanceof l)throw i;let n=i.code;throw new l(n==="ENOENT"?`${e}: no such file`:`${e}: cannot read (${n??"error"})`)}if(t>f)throw new l(`file is ${t} bytes; the limit is ${f} bytes (1 MiB)`,{file:e,line:1,column:1});return m(R(o),e)}export{p as a,c as b,O as c,b as d,d as e,L as f,W as g,J as h,K as i};
//# sourceMappingURL=chunk-JER2TVUD.js.map
