import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
function c(e){return Object.entries(e.roles).filter(([r])=>r!=="owner")}var n=new WeakMap;function y(e){let r=n.get(e);if(!r){let i=new Map;for(let t of e.gates)for(let o of t.criteria)i.set(o.id,{gate:t,criterion:o});n.set(e,i),r=i}return r}export{c as a,y as b};
//# sourceMappingURL=chunk-5X3CAUUE.js.map
