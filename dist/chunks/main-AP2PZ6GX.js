import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as g}from"./chunk-RUFW7YIR.js";import{a as d,c as h,d as y,e as w}from"./chunk-PRFARIPJ.js";import{a as f}from"./chunk-JGZKPMX6.js";import{b as l}from"./chunk-Y2MDLFCP.js";import{b as a,c as m,d as s,f as p,g as c,i as u}from"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";var C=e=>e==="policy"||e in d;function T(e,o){let n=g(o);try{let[r,...i]=e;if(r===void 0||r==="--help"||r==="-h"||r==="help"){let t=r==="help"?i.join(" "):"";return C(t)?n.out(h(t)):n.out(y()),r===void 0?2:0}return r==="--version"||r==="-V"?(n.out(`${f}
`),0):(async()=>{switch(r){case"check":return(await import("./check-OPMIT3XH.js")).check(i,n);case"init":return(await import("./init-TTHSJF7F.js")).init(i,n);case"explain":return(await import("./explain-PXOSLYWL.js")).explain(i,n);case"replay":return(await import("./replay-VT56MR2S.js")).replayCommand(i,n);case"policy":return(await import("./policy-UWYZDYLC.js")).policyCommand(i,n);case"portfolio":return(await import("./portfolio-DTSUUUUT.js")).portfolioCommand(i,n,n.env??process.env);case"verify":return(await import("./verify-ULSLZ4T4.js")).verifyCommand(i,n,n.env??process.env);default:if(r.endsWith(".yml")||r.endsWith(".yaml"))return(await import("./check-OPMIT3XH.js")).check(e,n);throw new p(`unknown command "${r}"; run pilot-readiness --help`)}})().catch(t=>E(t,n))}catch(r){return E(r,n)}}function E(e,o){if(e instanceof s){for(let n of e.findings)o.err(`error: ${l(u(n))}
`);return e instanceof w&&o.err(`usage: ${e.usage.replace(/\n/g,`
       `)}
`),a}return o.err(`internal error: ${c(e)}
This is a bug in pilot-readiness; please report it with the command you ran.
`),m}export{T as main};
//# sourceMappingURL=main-AP2PZ6GX.js.map
