import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{d as a,e as b,f as c}from"./chunk-CNSXWE57.js";import"./chunk-ER6WCIPT.js";import"./chunk-UXKSB3WV.js";import"./chunk-2YD5CTU5.js";export{c as clientTuning,a as isRateLimited,b as runPortfolio};
