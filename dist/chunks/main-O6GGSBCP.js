import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{c as g}from"./chunk-2HIKVMWC.js";import{a as d,c as h,d as w,e as y}from"./chunk-JER2TVUD.js";import{b as l}from"./chunk-3KYJH35G.js";import{z as f}from"./chunk-KBCJ5FJC.js";import{f as a,g as m,h as s,j as p,k as c,m as u}from"./chunk-QNYKDEZB.js";var C=e=>e==="policy"||e in d;function _(e,o){let n=g(o);try{let[r,...i]=e;if(r===void 0||r==="--help"||r==="-h"||r==="help"){let t=r==="help"?i.join(" "):"";return C(t)?n.out(h(t)):n.out(w()),r===void 0?2:0}return r==="--version"||r==="-V"?(n.out(`${f}
`),0):(async()=>{switch(r){case"check":return(await import("./check-PTYH4LB5.js")).check(i,n);case"init":return(await import("./init-XYOGNJAR.js")).init(i,n);case"explain":return(await import("./explain-P6YLTN2G.js")).explain(i,n);case"replay":return(await import("./replay-GFSRQ5IQ.js")).replayCommand(i,n);case"policy":return(await import("./policy-TPJY6VRR.js")).policyCommand(i,n);case"portfolio":return(await import("./portfolio-EZCUH35N.js")).portfolioCommand(i,n,n.env??process.env);default:if(r.endsWith(".yml")||r.endsWith(".yaml"))return(await import("./check-PTYH4LB5.js")).check(e,n);throw new p(`unknown command "${r}"; run pilot-readiness --help`)}})().catch(t=>E(t,n))}catch(r){return E(r,n)}}function E(e,o){if(e instanceof s){for(let n of e.findings)o.err(`error: ${l(u(n))}
`);return e instanceof y&&o.err(`usage: ${e.usage.replace(/\n/g,`
       `)}
`),a}return o.err(`internal error: ${c(e)}
This is a bug in pilot-readiness; please report it with the command you ran.
`),m}export{_ as main};
//# sourceMappingURL=main-O6GGSBCP.js.map
