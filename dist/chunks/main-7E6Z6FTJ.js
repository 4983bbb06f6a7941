import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as h,c as w,d as y,e as g}from"./chunk-JLKLDPZ6.js";import{b as l}from"./chunk-F5LXB3YU.js";import{a as d}from"./chunk-JGZKPMX6.js";import{a as E}from"./chunk-3GT2J4W2.js";import{b as f}from"./chunk-4CFMFQA6.js";import{b as a,c as m,d as s,f as c,g as p,i as u}from"./chunk-FWPIDF75.js";import"./chunk-4ZUL2DMA.js";var C=r=>r==="policy"||r in h;function _(r,t){let n=E(t);try{let[e,...i]=r;if(e===void 0||e==="--help"||e==="-h"||e==="help"){let o=e==="help"?i.join(" "):"";return C(o)?n.out(w(o)):n.out(y()),e===void 0?2:0}return e==="--version"||e==="-V"?(n.out(`${d}
`),0):(async()=>{switch(e){case"check":return(await import("./check-U65M7UGV.js")).check(i,n);case"init":return(await import("./init-OVC2NTPQ.js")).init(i,n);case"explain":return(await import("./explain-UAI6X3TL.js")).explain(i,n);case"replay":return(await import("./replay-6UAHLXZL.js")).replayCommand(i,n);case"policy":return(await import("./policy-OCZ5W5BM.js")).policyCommand(i,n);case"portfolio":return(await import("./portfolio-QESUMP7X.js")).portfolioCommand(i,n,n.env??process.env);case"verify":return(await import("./verify-QKRBWIKS.js")).verifyCommand(i,n,n.env??process.env);default:if(e.endsWith(".yml")||e.endsWith(".yaml"))return(await import("./check-U65M7UGV.js")).check(r,n);throw new c(`unknown command "${e}"; run pilot-readiness --help`)}})().catch(o=>k(o,n))}catch(e){return k(e,n)}}function k(r,t){if(r instanceof s){for(let e of r.findings)t.err(`error: ${f(u(e))}
`);return r instanceof g&&t.err(`usage: ${r.usage.replace(/\n/g,`
       `)}
`),a}let n=r instanceof Error&&r.stack?l(r.stack):void 0;return t.err(`internal error: ${p(r)}${n?` (at ${n})`:""}
This is a bug in pilot-readiness; please report it with the command you ran.
`),m}export{_ as main};
//# sourceMappingURL=main-7E6Z6FTJ.js.map
