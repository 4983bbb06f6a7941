import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
var u={m:6e4,h:36e5,d:864e5,w:6048e5},a=/^([1-9][0-9]{0,5})([mhdw])$/;function c(r){let t=a.exec(r);return t?Number(t[1])*u[t[2]]:null}function f(r){let t=r<0?"-":"",o=Math.floor(Math.abs(r)/6e4),e=Math.floor(o/1440);o-=e*1440;let n=Math.floor(o/60),s=o-n*60;return e>0?`${t}${e}d${n>0?` ${n}h`:""}`:n>0?`${t}${n}h${s>0?` ${s}m`:""}`:`${t}${s}m`}export{c as a,f as b};
//# sourceMappingURL=chunk-ZXTBMWZH.js.map
