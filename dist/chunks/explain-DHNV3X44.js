import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{b as p,c as l}from"./chunk-WAMHTJUS.js";import{a as e}from"./chunk-V4IXGBXX.js";import"./chunk-OU3NVF6W.js";import"./chunk-2KDTFSOP.js";import{f as n}from"./chunk-L3UQXWS4.js";import"./chunk-Q3BN6BGB.js";import"./chunk-OVXOE5O6.js";import"./chunk-DBGT2NTL.js";import"./chunk-JGZKPMX6.js";import"./chunk-QNYKDEZB.js";function m(c,r){let o=n(r,"explain",c,{policy:{type:"string"}},!0);if(!o)return 0;let{values:s,positionals:t}=o,i=e(s.policy,r.cwd);if(t.length===0)return r.out(l(i.policy)),0;for(let a of t)r.out(p(i.policy,a));return 0}export{m as explain};
//# sourceMappingURL=explain-DHNV3X44.js.map
