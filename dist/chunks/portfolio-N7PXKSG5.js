import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{d as a,e as b,f as c}from"./chunk-KY7JO5HN.js";import"./chunk-ER6WCIPT.js";import"./chunk-SEMM7M7B.js";import"./chunk-2YD5CTU5.js";export{c as clientTuning,a as isRateLimited,b as runPortfolio};
