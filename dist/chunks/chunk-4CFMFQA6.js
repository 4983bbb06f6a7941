import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as u}from"./chunk-FWPIDF75.js";var e=/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,r=/\r\n|[\r\n\u2028\u2029]/g,i=/^(\s*)::/gm,t=/##\[/g;function o(n){return n.replace(i,"$1\\::").replace(t,"##\\[")}function f(n){return o(u(n).replace(r,`
`).replace(e,""))}function g(n){return o(u(n).replace(r," ").replace(/\t/g," ").replace(e,""))}var s=/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;function N(n,c=2){return(JSON.stringify(n,null,c)??"null").replace(s,a=>`\\u${a.charCodeAt(0).toString(16).padStart(4,"0")}`).replace(t,"##\\u005b")}export{f as a,g as b,N as c};
//# sourceMappingURL=chunk-4CFMFQA6.js.map
