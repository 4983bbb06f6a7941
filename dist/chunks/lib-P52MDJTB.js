import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{b as a,c as b,d as c,e as d,f as e,g as f,h as g,i as h}from"./chunk-GWW72HKW.js";import"./chunk-ZLPPRNQ6.js";import"./chunk-SX4B47T3.js";import"./chunk-4ZUL2DMA.js";export{b as Headers,h as HttpClient,e as HttpClientError,f as HttpClientResponse,a as HttpCodes,c as MediaTypes,d as getProxyUrl,g as isHttps};
//# sourceMappingURL=lib-P52MDJTB.js.map
