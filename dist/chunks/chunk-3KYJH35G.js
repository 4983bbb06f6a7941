import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{e as n}from"./chunk-QNYKDEZB.js";var r=/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,t=/\r\n|[\r\n\u2028\u2029]/g,c=/^(\s*)::/gm,o=/##\[/g;function u(e){return e.replace(c,"$1\\::").replace(o,"##\\[")}function y(e){return u(n(e).replace(t,`
`).replace(r,""))}function g(e){return u(n(e).replace(t," ").replace(/\t/g," ").replace(r,""))}var i=/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;function f(e,p=2){return(JSON.stringify(e,null,p)??"null").replace(i,l=>`\\u${l.charCodeAt(0).toString(16).padStart(4,"0")}`).replace(o,"##\\u005b")}export{y as a,g as b,f as c};
//# sourceMappingURL=chunk-3KYJH35G.js.map
