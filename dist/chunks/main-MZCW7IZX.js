import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as g}from"./chunk-2KDTFSOP.js";import{a as d,c as h,d as w,e as y}from"./chunk-L3UQXWS4.js";import{b as l}from"./chunk-DBGT2NTL.js";import{a as f}from"./chunk-JGZKPMX6.js";import{f as a,g as m,h as s,j as p,k as c,m as u}from"./chunk-QNYKDEZB.js";var C=e=>e==="policy"||e in d;function _(e,o){let n=g(o);try{let[r,...i]=e;if(r===void 0||r==="--help"||r==="-h"||r==="help"){let t=r==="help"?i.join(" "):"";return C(t)?n.out(h(t)):n.out(w()),r===void 0?2:0}return r==="--version"||r==="-V"?(n.out(`${f}
`),0):(async()=>{switch(r){case"check":return(await import("./check-3QTBCDUZ.js")).check(i,n);case"init":return(await import("./init-WOWGDMM2.js")).init(i,n);case"explain":return(await import("./explain-DHNV3X44.js")).explain(i,n);case"replay":return(await import("./replay-WEJZQPKR.js")).replayCommand(i,n);case"policy":return(await import("./policy-LNOKR6II.js")).policyCommand(i,n);case"portfolio":return(await import("./portfolio-7YKRMNZT.js")).portfolioCommand(i,n,n.env??process.env);default:if(r.endsWith(".yml")||r.endsWith(".yaml"))return(await import("./check-3QTBCDUZ.js")).check(e,n);throw new p(`unknown command "${r}"; run pilot-readiness --help`)}})().catch(t=>E(t,n))}catch(r){return E(r,n)}}function E(e,o){if(e instanceof s){for(let n of e.findings)o.err(`error: ${l(u(n))}
`);return e instanceof y&&o.err(`usage: ${e.usage.replace(/\n/g,`
       `)}
`),a}return o.err(`internal error: ${c(e)}
This is a bug in pilot-readiness; please report it with the command you ran.
`),m}export{_ as main};
//# sourceMappingURL=main-MZCW7IZX.js.map
