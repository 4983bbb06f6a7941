import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{b as p,c as l}from"./chunk-GXF2SKXP.js";import{a as e}from"./chunk-2HIKVMWC.js";import{f as n}from"./chunk-JER2TVUD.js";import"./chunk-3KYJH35G.js";import"./chunk-KBCJ5FJC.js";import"./chunk-QNYKDEZB.js";function m(c,r){let o=n(r,"explain",c,{policy:{type:"string"}},!0);if(!o)return 0;let{values:s,positionals:t}=o,i=e(s.policy,r.cwd);if(t.length===0)return r.out(l(i.policy)),0;for(let a of t)r.out(p(i.policy,a));return 0}export{m as explain};
//# sourceMappingURL=explain-P6YLTN2G.js.map
