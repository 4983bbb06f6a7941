import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{b as a,c as b,d as c,e as d,f as e,g as f,h as g,i as h}from"./chunk-JZIQN5QP.js";import"./chunk-XGPBIPZ2.js";import"./chunk-SX4B47T3.js";import"./chunk-CMF7AB3J.js";export{b as Headers,h as HttpClient,e as HttpClientError,f as HttpClientResponse,a as HttpCodes,c as MediaTypes,d as getProxyUrl,g as isHttps};
//# sourceMappingURL=lib-IUJPGIMD.js.map
