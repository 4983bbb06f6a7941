import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as h,c as w,d as y,e as g}from"./chunk-2A2Y66OF.js";import{b as f}from"./chunk-F5LXB3YU.js";import{a as l}from"./chunk-JGZKPMX6.js";import{a as E}from"./chunk-RUFW7YIR.js";import{b as d}from"./chunk-Y2MDLFCP.js";import{b as a,c as m,d as s,f as c,g as p,i as u}from"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";var C=r=>r==="policy"||r in h;function _(r,t){let n=E(t);try{let[e,...i]=r;if(e===void 0||e==="--help"||e==="-h"||e==="help"){let o=e==="help"?i.join(" "):"";return C(o)?n.out(w(o)):n.out(y()),e===void 0?2:0}return e==="--version"||e==="-V"?(n.out(`${l}
`),0):(async()=>{switch(e){case"check":return(await import("./check-TPUCZTAX.js")).check(i,n);case"init":return(await import("./init-LPMF3Z6E.js")).init(i,n);case"explain":return(await import("./explain-TL2C4TFC.js")).explain(i,n);case"replay":return(await import("./replay-PE75IQJE.js")).replayCommand(i,n);case"policy":return(await import("./policy-IUFJVFMU.js")).policyCommand(i,n);case"portfolio":return(await import("./portfolio-CM232CCZ.js")).portfolioCommand(i,n,n.env??process.env);case"verify":return(await import("./verify-MNU3GMUV.js")).verifyCommand(i,n,n.env??process.env);default:if(e.endsWith(".yml")||e.endsWith(".yaml"))return(await import("./check-TPUCZTAX.js")).check(r,n);throw new c(`unknown command "${e}"; run pilot-readiness --help`)}})().catch(o=>k(o,n))}catch(e){return k(e,n)}}function k(r,t){if(r instanceof s){for(let e of r.findings)t.err(`error: ${d(u(e))}
`);return r instanceof g&&t.err(`usage: ${r.usage.replace(/\n/g,`
       `)}
`),a}let n=r instanceof Error&&r.stack?f(r.stack):void 0;return t.err(`internal error: ${p(r)}${n?` (at ${n})`:""}
This is a bug in pilot-readiness; please report it with the command you ran.
`),m}export{_ as main};
//# sourceMappingURL=main-NJP5JZK2.js.map
