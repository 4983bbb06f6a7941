import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as h,c as w,d as y,e as g}from"./chunk-JLKLDPZ6.js";import{b as l}from"./chunk-F5LXB3YU.js";import{a as d}from"./chunk-JGZKPMX6.js";import{a as E}from"./chunk-3GT2J4W2.js";import{b as a}from"./chunk-4CFMFQA6.js";import{b as m,c as s,d as c,f as p,g as u,i as f}from"./chunk-FWPIDF75.js";import"./chunk-4ZUL2DMA.js";var C=r=>r==="policy"||r in h;function _(r,t){let n=E(t);try{let[e,...i]=r;if(e===void 0||e==="--help"||e==="-h"||e==="help"){let o=e==="help"?i.join(" "):"";return C(o)?n.out(w(o)):n.out(y()),e===void 0?2:0}return e==="--version"||e==="-V"?(n.out(`${d}
`),0):(async()=>{switch(e){case"check":return(await import("./check-2PYDXSDI.js")).check(i,n);case"init":return(await import("./init-OPUQ6CRF.js")).init(i,n);case"explain":return(await import("./explain-OMF2K4PY.js")).explain(i,n);case"replay":return(await import("./replay-NECSV5ED.js")).replayCommand(i,n);case"policy":return(await import("./policy-ROKHZ7RS.js")).policyCommand(i,n);case"portfolio":return(await import("./portfolio-MM7PVJEP.js")).portfolioCommand(i,n,n.env??process.env);case"verify":return(await import("./verify-MUG7KNZL.js")).verifyCommand(i,n,n.env??process.env);default:if(e.endsWith(".yml")||e.endsWith(".yaml"))return(await import("./check-2PYDXSDI.js")).check(r,n);throw new p(`unknown command "${e}"; run pilot-readiness --help`)}})().catch(o=>k(o,n))}catch(e){return k(e,n)}}function k(r,t){if(r instanceof c){for(let e of r.findings)t.err(`error: ${a(f(e))}
`);return r instanceof g&&t.err(`usage: ${r.usage.replace(/\n/g,`
       `)}
`),m}let n=r instanceof Error&&r.stack?l(r.stack):void 0;return t.err(`internal error: ${a(u(r))}${n?` (at ${n})`:""}
This is a bug in pilot-readiness; please report it with the command you ran.
`),s}export{_ as main};
//# sourceMappingURL=main-TBGIMTAJ.js.map
